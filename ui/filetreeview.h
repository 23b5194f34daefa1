// The file tree's view: keeps the folders the user opened (and the selection) open across the
// model's reloads, opens the top level after the first load, and sizes its columns sensibly.
#pragma once

#include <QSet>
#include <QTreeView>

namespace tsg {

class FileTreeModel;

class FileTreeView : public QTreeView {
    Q_OBJECT
public:
    explicit FileTreeView(FileTreeModel *model, QWidget *parent = nullptr);

private:
    void remember();
    void restore();

    FileTreeModel *m_model;
    QString m_tsg;            // the TSG the remembered state belongs to
    QSet<QString> m_expanded; // folder paths
    QString m_current;
};

} // namespace tsg
