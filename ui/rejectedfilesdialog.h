// Lists the files an upload would leave out, each with the reason, and offers to upload the valid
// rest (accept) or nothing (reject). When the accepted files together break a rule, says so and
// offers nothing but Cancel.
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

private:
    QPushButton *m_uploadRest = nullptr;
};

} // namespace tsg
