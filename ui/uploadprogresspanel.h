// The running upload: what goes where, a progress bar over the bytes, "3 of 12 files, 40 of 100 MB",
// the current file's name, and Cancel. Hidden when nothing is uploading.
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace tsg {

class UploadController;

class UploadProgressPanel : public QWidget {
    Q_OBJECT
public:
    UploadProgressPanel(UploadController &uploads, QWidget *parent = nullptr);
    QString text() const;
    QPushButton *cancelButton() const { return m_cancel; }

private:
    QLabel *m_title;
    QLabel *m_detail;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace tsg
