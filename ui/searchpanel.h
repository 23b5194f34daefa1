// Search over the whole library from the window: a field (the window puts it in its toolbar) whose results come
// as the user types, grouped by TSG, each hit with where it is and its snippet. Says when the index is still
// being built, when nothing matched and what to try, and what is wrong with a malformed query. The window shows
// the hit a user picks in the preview.
#pragma once

#include "searchtypes.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace tsg {

class SearchIndex;

class SearchPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDebounceMs = 200;
    static constexpr int kLimit = 200; // hits asked for

    // index: null when the library has no index; the field is then disabled and says why.
    explicit SearchPanel(SearchIndex *index, QWidget *parent = nullptr);

    QLineEdit *field() const { return m_field; }
    QTreeWidget *results() const { return m_results; }
    QString statusText() const;
    int hitCount() const { return int(m_hits.size()); }
    const QList<SearchHit> &hits() const { return m_hits; }
    // The hit a results row stands for; nullptr for a TSG's row.
    const SearchHit *hitAt(QTreeWidgetItem *item) const;
    // How many searches were sent to the index (typing fast sends one, after the pause).
    int searchesSent() const { return m_sent; }

    // Puts the cursor in the field, its text selected (Ctrl+K, Ctrl+F).
    void focusField();
    // Searches now, without waiting for the pause (the field's text is left as it is).
    void searchNow();

signals:
    void hitActivated(const SearchHit &hit);
    void queryChanged(const QString &query); // typed or cleared: the window shows or hides the results

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showResult(const QString &query, const SearchResult &result);
    void showStatus(const QString &html); // adds the index's progress while it is being built
    void indexProgress(int done, int total);
    void activateCurrent();

    SearchIndex *m_index;
    QLineEdit *m_field = nullptr;
    QLabel *m_status = nullptr;
    QString m_statusBase; // the status without the index's progress
    QTreeWidget *m_results = nullptr;
    QTimer m_debounce;
    quint64 m_generation = 0; // only the newest search's answer is shown
    int m_sent = 0;
    bool m_openFirst = false; // Enter came before the results: open the first hit when they do
    QList<SearchHit> m_hits;
    IndexProgress m_progress;
};

} // namespace tsg
