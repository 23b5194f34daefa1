#include "searchpanel.h"

#include "searchindex.h"
#include "snippetdelegate.h"
#include "whenfinished.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tsg {

namespace {

constexpr int kHitRole = Qt::UserRole; // index into m_hits

QString whereOf(const SearchHit &hit)
{
    if (hit.path.isEmpty())
        return QObject::tr("TSG %1").arg(hit.kind); // "TSG name", "TSG tag", "TSG description"
    if (hit.line)
        return QObject::tr("%1 · line %2").arg(hit.path).arg(*hit.line);
    if (hit.page)
        return QObject::tr("%1 · page %2").arg(hit.path).arg(*hit.page);
    return hit.kind == u"file" ? QObject::tr("%1 · file name").arg(hit.path) : hit.path;
}

} // namespace

SearchPanel::SearchPanel(SearchIndex *index, QWidget *parent) : QWidget(parent), m_index(index)
{
    setObjectName(QStringLiteral("searchPanel"));
    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("searchField"));
    m_field->setClearButtonEnabled(true);
    m_field->setPlaceholderText(tr("Search all TSGs (Ctrl+K)"));
    m_field->installEventFilter(this);
    if (!m_index) {
        m_field->setEnabled(false);
        m_field->setToolTip(tr("Search is not available: the search index could not be opened (see the log)."));
    } else {
        m_field->setToolTip(tr("Words, \"exact phrases\", prefix*, tag:vpn. Enter opens the first hit, Esc clears."));
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("searchStatus"));
    m_status->setWordWrap(true);
    m_status->setContentsMargins(6, 0, 6, 2);
    m_status->setTextFormat(Qt::RichText);
    m_results = new QTreeWidget(this);
    m_results->setObjectName(QStringLiteral("searchResults"));
    m_results->setHeaderHidden(true);
    m_results->setColumnCount(1);
    m_results->setRootIsDecorated(true);
    m_results->setUniformRowHeights(false);
    m_results->setItemDelegate(new SnippetDelegate(m_results));
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->installEventFilter(this);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);
    showStatus(tr("Type to search the names, tags, descriptions and files of every TSG."));

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &SearchPanel::searchNow);
    connect(m_field, &QLineEdit::textChanged, this, [this](const QString &text) {
        ++m_generation; // an answer to an older query no longer belongs
        if (text.trimmed().isEmpty()) {
            m_debounce.stop();
            m_hits.clear();
            m_results->clear();
            showStatus(tr("Type to search the names, tags, descriptions and files of every TSG."));
        } else {
            m_debounce.start();
        }
        emit queryChanged(text);
    });
    connect(m_results, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (const SearchHit *hit = hitAt(item))
            emit hitActivated(*hit);
    });
    connect(m_results, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (const SearchHit *hit = hitAt(item))
            emit hitActivated(*hit);
    });
    if (m_index) {
        connect(m_index, &SearchIndex::progressChanged, this, &SearchPanel::indexProgress, Qt::QueuedConnection);
        m_progress = m_index->progress();
    }
}

QString SearchPanel::statusText() const
{
    return m_status->text();
}

const SearchHit *SearchPanel::hitAt(QTreeWidgetItem *item) const
{
    if (!item || !item->data(0, kHitRole).isValid())
        return nullptr;
    const int i = item->data(0, kHitRole).toInt();
    return i >= 0 && i < m_hits.size() ? &m_hits.at(i) : nullptr;
}

void SearchPanel::focusField()
{
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void SearchPanel::showStatus(const QString &html)
{
    m_statusBase = html;
    QString text = html;
    if (m_progress.indexing)
        text += tr("<br><span style='color:#8a5300'>Indexing %1 of %2 files: results may be incomplete.</span>")
                    .arg(m_progress.done)
                    .arg(m_progress.total);
    m_status->setText(text);
}

void SearchPanel::searchNow()
{
    m_debounce.stop();
    const QString query = m_field->text().trimmed();
    if (!m_index || query.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    ++m_sent;
    whenFinished(m_index->searchAsync({.query = query, .limit = kLimit}), this,
                 [this, generation, query](const Result<SearchResult> &result) {
                     if (generation != m_generation)
                         return; // a newer query was typed meanwhile
                     if (!result.ok()) {
                         m_openFirst = false;
                         m_hits.clear();
                         m_results->clear();
                         showStatus(QStringLiteral("<span style='color:#b00020'>%1</span>")
                                        .arg(result.error().message.toHtmlEscaped()));
                         return;
                     }
                     showResult(query, result.value());
                 });
}

void SearchPanel::showResult(const QString &query, const SearchResult &result)
{
    m_progress = result.progress;
    m_hits = result.hits;
    m_results->clear();
    // Grouped by TSG, the TSGs in the order of their best hit (the index ranks best first).
    QHash<QString, QTreeWidgetItem *> groups;
    QList<QTreeWidgetItem *> order;
    for (int i = 0; i < m_hits.size(); ++i) {
        const SearchHit &hit = m_hits.at(i);
        QTreeWidgetItem *&group = groups[hit.tsgName];
        if (!group) {
            group = new QTreeWidgetItem({hit.tsgName});
            QFont bold = m_results->font();
            bold.setBold(true);
            group->setFont(0, bold);
            group->setFlags(Qt::ItemIsEnabled);
            order << group;
        }
        auto *item = new QTreeWidgetItem(group, {whereOf(hit)});
        item->setData(0, kHitRole, i);
        item->setData(0, SnippetDelegate::SnippetRole, hit.snippet.isEmpty() ? hit.path : hit.snippet);
        item->setToolTip(0, hit.snippet);
    }
    for (QTreeWidgetItem *group : std::as_const(order))
        group->setText(0, tr("%1  (%2)").arg(group->text(0)).arg(group->childCount()));
    m_results->addTopLevelItems(order);
    m_results->expandAll();

    QString status;
    if (m_hits.isEmpty()) {
        status = tr("<b>No matches for '%1'.</b><br>Check the spelling, use fewer words, or end a word with * to "
                    "match its beginning (<i>handsh*</i>).")
                     .arg(query.toHtmlEscaped());
    } else {
        status = !result.totalExact
            ? tr("More than %1 hits; the best %2 shown, in %3 TSGs: add words to narrow the search")
                  .arg(result.total)
                  .arg(m_hits.size())
                  .arg(order.size())
            : result.total > m_hits.size()
            ? tr("%1 hits in %2 TSGs (the best %3 shown)").arg(result.total).arg(order.size()).arg(m_hits.size())
            : tr("%1 %2 in %3 %4")
                  .arg(result.total)
                  .arg(result.total == 1 ? tr("hit") : tr("hits"))
                  .arg(order.size())
                  .arg(order.size() == 1 ? tr("TSG") : tr("TSGs"));
    }
    showStatus(status);
    if (std::exchange(m_openFirst, false))
        activateCurrent();
}

void SearchPanel::indexProgress(int done, int total)
{
    const bool wasIndexing = m_progress.indexing;
    m_progress = {.indexing = total > 0, .done = done, .total = total};
    showStatus(m_statusBase); // with the new progress, or without it once done
    if (wasIndexing && !m_progress.indexing && !m_field->text().trimmed().isEmpty())
        searchNow(); // the index is complete now: the hits may be too
}

void SearchPanel::activateCurrent()
{
    QTreeWidgetItem *item = m_results->currentItem();
    if (!hitAt(item) && m_results->topLevelItemCount() > 0)
        item = m_results->topLevelItem(0)->child(0);
    if (!item)
        return;
    m_results->setCurrentItem(item);
    if (const SearchHit *hit = hitAt(item))
        emit hitActivated(*hit);
}

bool SearchPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const int key = static_cast<QKeyEvent *>(event)->key();
    if (watched == m_field) {
        if (key == Qt::Key_Escape && !m_field->text().isEmpty()) {
            m_field->clear();
            return true;
        }
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            if (m_debounce.isActive()) {
                m_openFirst = true; // Enter before the pause ends: search now; the first hit opens when it comes
                searchNow();
                return true;
            }
            activateCurrent();
            return true;
        }
        if (key == Qt::Key_Down && m_results->topLevelItemCount() > 0) {
            m_results->setFocus();
            activateCurrent();
            return true;
        }
    } else if (watched == m_results && key == Qt::Key_Escape) {
        focusField();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace tsg
