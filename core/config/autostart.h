// "Start with my session": the XDG autostart entry ($XDG_CONFIG_HOME/autostart/tsgdesk.desktop)
// that starts `tsgdesk --minimized` at login. Written atomically; removing it turns it off.
#pragma once

#include "result.h"

#include <QString>

namespace tsg {

class AutostartEntry {
public:
    // The entry's path: $XDG_CONFIG_HOME (else ~/.config) + /autostart/tsgdesk.desktop.
    static QString path();
    static bool isEnabled();
    // Writes the entry (command: `program --minimized`, plus --data-dir when not the default) or removes it.
    static Status setEnabled(bool enabled, const QString &program, const QString &dataDir = {});
};

} // namespace tsg
