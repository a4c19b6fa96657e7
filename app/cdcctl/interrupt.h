// SPDX-License-Identifier: GPL-3.0-or-later
// SIGINT and SIGTERM as a call on the event loop, for the commands that run until interrupted (tail,
// lag --watch, demo): the handler only writes a byte to a socket pair; a QSocketNotifier calls back.
#pragma once

#include <QSocketNotifier>

#include <functional>
#include <optional>

namespace cdc::cli {

inline constexpr int kExitInterrupted = 130; // 128 + SIGINT, as shells report it

class InterruptGuard
{
public:
    explicit InterruptGuard(std::function<void()> onInterrupt);
    ~InterruptGuard(); // the default handlers again
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

private:
    std::optional<QSocketNotifier> m_notifier;
};

} // namespace cdc::cli
