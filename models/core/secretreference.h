// SPDX-License-Identifier: GPL-3.0-or-later
// Secret references, resolved the way Kafka Connect's config providers resolve them: `${env:NAME}` and
// `${file:/path/to/file.properties:key}`. The one place CDC Studio turns a reference into a password
// (the event consumer, the lag samplers, the REST client's basic auth, the wizard's Test Connection).
#pragma once

#include "core/result.h"

#include <QString>

namespace cdc {

// True for `${env:…}` and `${file:…}` references.
bool isSecretReference(const QString &text);

// The secret a reference names; any other text is returned as it is. An unset variable, an unreadable
// file or a missing key is an error saying which.
Result<QString> resolveSecretReference(const QString &reference);

} // namespace cdc
