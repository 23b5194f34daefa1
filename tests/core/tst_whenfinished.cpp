// whenFinished: the result reaches the context's thread later, from the event loop; a context deleted while the
// work runs is never called and nothing crashes (QFuture::then(context, …) asserts there in Qt 6.4's debug build);
// a canceled future calls nothing.
#include "whenfinished.h"

#include <QPromise>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <memory>

using namespace tsg;

class TestWhenFinished : public QObject {
    Q_OBJECT
private slots:
    void deliversTheResultOnTheContextsThreadLater();
    void aDeletedContextIsNeverCalled();
    void aCanceledFutureCallsNothing();
    void voidFutures();
};

void TestWhenFinished::deliversTheResultOnTheContextsThreadLater()
{
    QObject context;
    int got = 0;
    QThread *calledOn = nullptr;
    whenFinished(QtFuture::makeReadyFuture(42), &context, [&](int value) {
        got = value;
        calledOn = QThread::currentThread();
    });
    QCOMPARE(got, 0); // not at once, although the future had already finished
    QTRY_COMPARE(got, 42);
    QCOMPARE(calledOn, context.thread());

    got = 0;
    whenFinished(QtConcurrent::run([] { return 7; }), &context, [&](int value) { got = value; });
    QTRY_COMPARE(got, 7);
    QTRY_VERIFY(context.findChildren<QObject *>().isEmpty()); // the watchers went with their callbacks
}

void TestWhenFinished::aDeletedContextIsNeverCalled()
{
    QSemaphore started, release;
    std::atomic<int> calls{0};
    for (int i = 0; i < 50; ++i) {
        auto context = std::make_unique<QObject>();
        QFuture<int> work = QtConcurrent::run([&] {
            started.release();
            release.acquire();
            return i;
        });
        whenFinished(work, context.get(), [&](int) { ++calls; });
        started.acquire();
        context.reset(); // while the work runs
        release.release();
        work.waitForFinished();
    }
    QTest::qWait(50);
    QCOMPARE(calls.load(), 0);
}

void TestWhenFinished::aCanceledFutureCallsNothing()
{
    QObject context;
    bool called = false;
    QPromise<int> promise;
    whenFinished(promise.future(), &context, [&](int) { called = true; });
    promise.start();
    promise.future().cancel();
    promise.finish();
    QTest::qWait(50);
    QVERIFY(!called);
}

void TestWhenFinished::voidFutures()
{
    QObject context;
    bool called = false;
    whenFinished(QtConcurrent::run([] {}), &context, [&] { called = true; });
    QTRY_VERIFY(called);
}

QTEST_GUILESS_MAIN(TestWhenFinished)
#include "tst_whenfinished.moc"
