// The server's status for the user: the listening URL, how many clients are connected, "Copy browser
// URL" (with its token), "New token", and for an agent that connects by URL the MCP endpoint and the token. Shows why
// the server is not running when it is not. Folds when narrow: the buttons go into a menu behind one button and the
// URL is cut with "…", so the status bar fits a laptop.
#pragma once

#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QPushButton;
class QToolButton;

namespace tsg {

class ServerRuntime;

class ServerStatusPanel : public QWidget {
    Q_OBJECT
public:
    // server: null when it did not start; `problem` then says why.
    ServerStatusPanel(ServerRuntime *server, const QString &problem, QWidget *parent = nullptr);

    void copyUrl();
    void copyMcpUrl();    // http://…/mcp, for an MCP client that connects by URL
    void copyToken();     // for that client's Authorization: Bearer header
    void openInBrowser(); // the browser UI, with the token in the URL's fragment
    void regenerateToken();
    QString text() const;
    bool isFolded() const; // the buttons are in the menu button's menu

    QSize sizeHint() const override;        // unfolded: everything in a row
    QSize minimumSizeHint() const override; // folded, the URL cut to a few characters

    std::function<bool(const QString &title, const QString &text)> confirm;

signals:
    void message(bool ok, const QString &text);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void update();
    void fold(); // to the present width

    ServerRuntime *m_server;
    QString m_problem;
    QLabel *m_state;
    QLabel *m_url;
    QLabel *m_clients;
    QPushButton *m_copy;
    QPushButton *m_open;
    QPushButton *m_regenerate;
    QToolButton *m_agents; // Copy MCP URL, Copy token
    QAction *m_copyMcpUrl;
    QAction *m_copyToken;
    QToolButton *m_more; // the folded buttons
};

} // namespace tsg
