// Runs uploads from the window: plans the dropped or chosen files, lets the user see what is rejected
// and why (and upload the valid rest), then streams the files into the TSG off the GUI thread with
// progress and cancel. Nothing partial is left when it is cancelled or fails.
#pragma once

#include "library.h"
#include "uploadplan.h"

#include <QObject>

class QWidget;

namespace tsg {

class UploadController : public QObject {
    Q_OBJECT
public:
    UploadController(Library &library, QWidget *window);

    // Plans, asks about rejected files when there are any, and starts. Returns false when nothing starts.
    bool upload(const QString &tsgName, const QList<QUrl> &urls);
    // Starts an already planned upload (no questions).
    void start(const QString &tsgName, const UploadPlan &plan);
    void cancel();
    bool isRunning() const { return m_running; }

    // When set, rejected files are not asked about: the valid rest is uploaded (tests, scripting).
    void setConfirmRejected(std::function<bool(const UploadPlan &)> confirm) { m_confirm = std::move(confirm); }

signals:
    void started(const QString &tsgName, int files, qint64 bytes);
    void progress(const tsg::UploadProgress &progress);
    void finished(bool ok, const QString &message);

private:
    bool confirmRejected(const UploadPlan &plan);

    Library &m_library;
    QWidget *m_window;
    CancelFlag m_cancel;
    bool m_running = false;
    std::function<bool(const UploadPlan &)> m_confirm;
};

} // namespace tsg
