// One window per data folder. The first process listens on a local socket named from a hash of the
// data folder's path; a later launch on the same folder finds it, sends "show" and exits, and the
// first brings its window to the front. (The data folder's lock still refuses a second server that
// gets past this, for example a --headless one.)
#pragma once

#include <QObject>

class QLocalServer;

namespace tsg {

class SingleInstance : public QObject {
    Q_OBJECT
public:
    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    static QString serverName(const QString &dataDir);

    // True when another instance on this data folder took the "show" request.
    bool askRunningToShow(int timeoutMs = 1000) const;
    // Becomes the instance others find. False (with the reason in errorString()) if it cannot listen.
    bool listen();
    QString errorString() const;

signals:
    void showRequested();

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace tsg
