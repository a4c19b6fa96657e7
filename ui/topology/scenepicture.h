// SPDX-License-Identifier: GPL-3.0-or-later
// The pipeline as a picture: PNG (at twice the screen resolution) or SVG, for documents and slides.
#pragma once

#include "core/result.h"

class QGraphicsScene;
class QString;

namespace cdc::ui {

// The format follows the file's suffix: .svg, else PNG. Writes atomically.
Result<void> savePipelinePicture(QGraphicsScene *scene, const QString &path);

} // namespace cdc::ui
