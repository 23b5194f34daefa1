// Lists the files an upload would leave out, each with the reason, and offers to upload the valid
// rest (accept) or nothing (reject). When files are over the upload limit, says what the limit is and offers to
// open Settings or to raise the limit just enough and upload, so that the user is not left at a dead end.
#pragma once

#include "uploadplan.h"

#include <QDialog>

class QPushButton;

namespace tsg {

class RejectedFilesDialog : public QDialog {
    Q_OBJECT
public:
    explicit RejectedFilesDialog(const UploadPlan &plan, QWidget *parent = nullptr);
    QPushButton *uploadRestButton() const { return m_uploadRest; } // null when there is nothing to upload

    // What the user chose (once the dialog is closed).
    enum class Choice { Nothing, UploadRest, OpenSettings, RaiseLimit };
    Choice choice() const { return m_choice; }

private:
    QPushButton *m_uploadRest = nullptr;
    Choice m_choice = Choice::Nothing;
};

} // namespace tsg
