#include "choosetsgdialog.h"

#include "listfilterkeys.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStringListModel>
#include <QVBoxLayout>

namespace tsg {

ChooseTsgDialog::ChooseTsgDialog(const QStringList &names, const QString &current, QWidget *parent)
    : QDialog(parent), m_filter(new QLineEdit(this)), m_list(new QListView(this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("chooseTsg"));
    setWindowTitle(tr("Choose the active TSG"));
    QStringList sorted = names;
    sorted.sort(Qt::CaseInsensitive);
    m_proxy->setSourceModel(new QStringListModel(sorted, this));
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setObjectName(QStringLiteral("chooseFilter"));
    m_filter->setPlaceholderText(tr("Filter by name"));
    m_filter->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("chooseList"));
    m_list->setModel(m_proxy);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Make active"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    new ListFilterKeys(m_filter, m_list);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        const QString before = chosen();
        m_proxy->setFilterFixedString(text.trimmed());
        const QModelIndexList still =
            m_proxy->match(m_proxy->index(0, 0), Qt::DisplayRole, before, 1, Qt::MatchExactly);
        if (before.isEmpty() || still.isEmpty())
            m_list->selectionModel()->clear();
        else
            m_list->setCurrentIndex(still.first());
    });
    connect(m_list, &QListView::activated, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!chosen().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (const int row = int(sorted.indexOf(current)); row >= 0)
        m_list->setCurrentIndex(m_proxy->index(row, 0));
    resize(420, 480);
    m_filter->setFocus();
}

QString ChooseTsgDialog::chosen() const
{
    const QModelIndexList rows = m_list->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data().toString();
}

} // namespace tsg
