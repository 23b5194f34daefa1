#include "filetypesedit.h"

#include "configstore.h"

#include <QAction>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <algorithm>

namespace tsg {

FileTypesEdit::FileTypesEdit(const QStringList &types, QWidget *parent)
    : QWidget(parent), m_list(new QListWidget(this)), m_field(new QLineEdit(this)),
      m_add(new QPushButton(tr("Add"), this)), m_remove(new QPushButton(tr("Remove"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_list->setObjectName(QStringLiteral("typeList"));
    m_list->setAccessibleName(tr("Allowed file types"));
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(true);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setSpacing(2);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setFixedHeight(4 * (fontMetrics().height() + 8));
    m_list->addItems(types);
    m_list->setToolTip(tr("Files with these extensions can be uploaded. Select some and press Delete, or Remove, to "
                          "take them out"));
    m_field->setObjectName(QStringLiteral("newType"));
    m_field->setAccessibleName(tr("File type to add"));
    m_field->setPlaceholderText(tr(".csv"));
    m_field->setToolTip(tr("An extension with its dot; several can be added at once, separated by spaces"));
    m_add->setObjectName(QStringLiteral("addType"));
    m_remove->setObjectName(QStringLiteral("removeType"));
    m_remove->setEnabled(false);
    auto *row = new QHBoxLayout;
    row->addWidget(m_field, 1);
    row->addWidget(m_add);
    row->addWidget(m_remove);
    layout->addWidget(m_list);
    layout->addLayout(row);
    connect(m_add, &QPushButton::clicked, this, &FileTypesEdit::addFromField);
    m_field->installEventFilter(this); // Return adds the type (and must not also press the dialog's Save)
    connect(m_field, &QLineEdit::textChanged, this, [this] { setProblem({}); });
    connect(m_remove, &QPushButton::clicked, this, &FileTypesEdit::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    auto *del = new QAction(this);
    del->setShortcut(QKeySequence::Delete);
    del->setShortcutContext(Qt::WidgetShortcut);
    connect(del, &QAction::triggered, this, &FileTypesEdit::removeSelected);
    m_list->addAction(del);
}

bool FileTypesEdit::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            addFromField();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QStringList FileTypesEdit::types() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->text();
    return out;
}

bool FileTypesEdit::addFromField()
{
    QStringList adding;
    for (QString t : m_field->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        t = t.toLower();
        if (!t.startsWith(u'.') && !t.isEmpty())
            t.prepend(u'.'); // "csv" means ".csv"
        if (const QString p = ConfigStore::fileTypeProblem(t); !p.isEmpty()) {
            setProblem(p);
            return false;
        }
        adding << t;
    }
    if (adding.isEmpty()) {
        setProblem(tr("Type an extension to add, such as .csv"));
        return false;
    }
    const QStringList present = types();
    for (const QString &t : std::as_const(adding))
        if (!present.contains(t))
            m_list->addItem(t);
    m_field->clear();
    setProblem({});
    emit changed();
    return true;
}

void FileTypesEdit::removeSelected()
{
    const QList<QListWidgetItem *> selected = m_list->selectedItems();
    if (selected.isEmpty())
        return;
    const int row = m_list->row(selected.first());
    qDeleteAll(selected);
    if (m_list->count() > 0)
        m_list->setCurrentRow(std::min(row, m_list->count() - 1));
    emit changed();
}

void FileTypesEdit::setProblem(const QString &problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    emit problemChanged(problem);
}

} // namespace tsg
