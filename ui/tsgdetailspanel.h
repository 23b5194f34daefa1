// The selected TSG's details, editable in place: its name (F2 renames), description and tags (with completion
// from the tags in use). Saved when the user leaves a field or presses Enter (Ctrl+Enter in the description),
// never per keystroke; the core's refusal shows inline. Changes made elsewhere (a browser, an agent) show at
// once, except in a field the user is editing.
#pragma once

#include "library.h"

#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStringListModel;

namespace tsg {

class ProblemLabel;

class TsgDetailsPanel : public QWidget {
    Q_OBJECT
public:
    explicit TsgDetailsPanel(Library &library, QWidget *parent = nullptr);

    // The TSG to show (its stored name); empty shows nothing. Edits of the one shown before are saved first.
    void showTsg(const QString &name);
    const QString &tsg() const { return m_tsg; }
    // F2: the name field gets the focus with the name selected; Enter renames, Escape gives up.
    void startRename();

    QLineEdit *nameEdit() const { return m_name; }
    QPlainTextEdit *descriptionEdit() const { return m_description; }
    QLineEdit *tagsEdit() const { return m_tags; }
    QCompleter *tagCompleter() const { return m_completer; }
    ProblemLabel *problem() const { return m_problem; }

    // The tags as typed in a comma-separated list: trimmed, without empty ones or repeats (ignoring case).
    static QStringList parseTags(const QString &text);

signals:
    void message(bool ok, const QString &text);
    // A rename the user made here succeeded.
    void renamed(const QString &oldName, const QString &newName);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh(); // the library's view of the TSG shown, into the fields the user is not editing
    void commitName();
    void commitDescription();
    void commitTags();
    void save(const TsgUpdate &change, const QString &what);
    void revert(QWidget *field);
    void updateCompletion();
    void insertCompletion(const QString &tag);
    std::optional<TsgInfo> lookUp(const QString &name) const;

    Library &m_library;
    QString m_tsg;
    TsgInfo m_shown{}; // what the fields showed when last in step with the library
    int m_saving = 0;  // updates under way
    QLineEdit *m_name;
    ProblemLabel *m_problem;
    QPlainTextEdit *m_description;
    QLineEdit *m_tags;
    QLabel *m_info;
    QCompleter *m_completer;
    QStringListModel *m_tagModel;
};

} // namespace tsg
