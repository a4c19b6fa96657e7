// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the page pool under the store: pages come back and are written again, the pool never keeps
// more than was ever in use at once, and an idle pool gives its spare pages back to the system.
#include "stream/bytepage.h"

#include <QTest>

#include <set>
#include <vector>

using namespace cdc::stream;

class TstPagePool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A cleared store's pages are what the next fill writes into: no fresh memory to map and zero.
    void returnedPagesAreReusedBeforeNewOnes()
    {
        auto pool = PagePool::create(2, 60000);
        std::vector<std::shared_ptr<BytePage>> pages;
        std::set<const char *> first;
        for (int i = 0; i < 40; ++i) {
            pages.push_back(pool->take());
            first.insert(pages.back()->data());
        }
        QCOMPARE(first.size(), std::size_t(40));
        pages.clear(); // the store clears
        QTRY_VERIFY(pool->freePages() >= 40);
        QCOMPARE(pool->mappedPages(), pool->freePages());
        std::set<const char *> second;
        for (int i = 0; i < 40; ++i) {
            pages.push_back(pool->take());
            second.insert(pages.back()->data());
        }
        std::vector<const char *> reused;
        std::set_intersection(first.begin(), first.end(), second.begin(), second.end(), std::back_inserter(reused));
        // The two pre-faulted pages may come first; every other page is one the store gave back.
        QVERIFY2(reused.size() >= 38, qPrintable(QString::number(reused.size())));
    }

    // What the pool keeps follows the peak of use, so memory never grows past what the store needed.
    void keepsNoMoreThanThePeakOfUse()
    {
        auto pool = PagePool::create(1, 60000);
        std::vector<std::shared_ptr<BytePage>> pages;
        for (int i = 0; i < 10; ++i)
            pages.push_back(pool->take());
        pages.clear();
        QTRY_VERIFY(pool->freePages() >= 10);
        QVERIFY(pool->mappedPages() <= 11);       // the peak, and at most one page being pre-faulted
        for (int round = 0; round < 5; ++round) { // churn of 4 at a time adds nothing
            for (int i = 0; i < 4; ++i)
                pages.push_back(pool->take());
            pages.clear();
        }
        QVERIFY(pool->mappedPages() <= 11);
    }

    void idlePoolGivesSparePagesBack()
    {
        auto pool = PagePool::create(2, 100);
        std::vector<std::shared_ptr<BytePage>> pages;
        for (int i = 0; i < 20; ++i)
            pages.push_back(pool->take());
        pages.resize(5); // the store dropped 15 and holds 5
        QTRY_COMPARE_WITH_TIMEOUT(pool->freePages(), std::size_t(2), 5000);
        QCOMPARE(pool->mappedPages(), std::size_t(7));
        // Pages the store drops after that are not kept either: the peak follows use again.
        pages.clear();
        QTRY_COMPARE_WITH_TIMEOUT(pool->mappedPages(), std::size_t(2), 5000);
        // And a page taken after all that is a working page.
        const std::shared_ptr<BytePage> page = pool->take();
        char *at = page->reserve(BytePage::kDefaultSize);
        QVERIFY(at);
        at[BytePage::kDefaultSize - 1] = 'x';
        QCOMPARE(page->data()[BytePage::kDefaultSize - 1], 'x');
    }
};

QTEST_GUILESS_MAIN(TstPagePool)
#include "tst_pagepool.moc"
