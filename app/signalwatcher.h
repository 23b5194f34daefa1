// Turns SIGTERM and SIGINT into a Qt signal (a self-pipe read by a QSocketNotifier), so the process
// stops through its event loop: in-flight writes finish or roll back, server.json is removed.
#pragma once

#include <QObject>

class QSocketNotifier;

class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};
