// The file tree's view: keeps the folders the user opened (and the selection) open across the
// model's reloads and when the user comes back to a TSG, opens the top level after the first load of a TSG, sorts
// by any column, and sizes its columns sensibly.
#pragma once

#include <QHash>
#include <QSet>
#include <QTreeView>

namespace tsg {

class FileTreeModel;

class FileTreeView : public QTreeView {
    Q_OBJECT
public:
    explicit FileTreeView(FileTreeModel *model, QWidget *parent = nullptr);

    // The entry to select when the current one is gone after the next reload (a delete's neighbour).
    void selectAfterRemoval(const QString &path) { m_fallback = path; }

private:
    void remember();
    void restore();

    FileTreeModel *m_model;
    QString m_tsg;                              // the TSG the remembered state belongs to
    QSet<QString> m_expanded;                   // folder paths
    QHash<QString, QSet<QString>> m_expandedOf; // of the TSGs shown before, by name
    QString m_current;
    QString m_fallback;
};

} // namespace tsg
