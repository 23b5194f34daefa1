// Lists the files an upload would reject, each with the reason, and offers to upload the valid rest.
#pragma once

#include "uploadplan.h"

#include <QDialog>

namespace tsg {

class RejectedFilesDialog : public QDialog {
    Q_OBJECT
public:
    RejectedFilesDialog(const UploadPlan &plan, QWidget *parent = nullptr);
};

} // namespace tsg
