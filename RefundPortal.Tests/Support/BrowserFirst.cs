using Xunit.Abstractions;

[assembly: TestCollectionOrderer("RefundPortal.Tests.Support.BrowserFirst", "RefundPortal.Tests")]

namespace RefundPortal.Tests.Support;

/// <summary>
/// Starts the browser collection first. Its tests run one after another and are the suite's longest chain, so every
/// second its app and Chromium wait behind the other collections' fixtures (a dozen app servers, PostgreSQL and Redis
/// starting on two cores) is a second on the whole run; the other collections keep their order.
/// </summary>
public sealed class BrowserFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == BrowserCollection.Name ? 0 : 1);
}
