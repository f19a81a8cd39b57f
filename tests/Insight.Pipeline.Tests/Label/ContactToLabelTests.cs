using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Tests.Builders;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Tests.Label;

public sealed class ContactToLabelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task ReadAsync_ReadsTranscriptsOnlyForRowGroupsWithContactsWithoutCustomerTurns()
    {
        var lake = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.Path, RowGroupSize = 10 }));
        // Row group 1: every contact has the customer's turns; row group 2: the fifth (k0015) has none.
        var contacts = Enumerable.Range(0, 20).Select(i => new ContactRecord
        {
            ContactId = $"k{i:0000}",
            CustomerId = $"c{i % 3}",
            StartedAt = Some.Day(i),
            Channel = "chat",
            Disposition = i % 2 == 0 ? "mis-pick" : null,
            Transcript = $"Agent: hello\nCustomer: words of contact {i}",
            CustomerText = i == 15 ? "" : $"words of contact {i}",
        }).ToList();
        await lake.WriteAsync(LakeTables.Contacts, contacts);

        var read = new List<ContactToLabel>();
        await foreach (var contact in ContactToLabel.ReadAsync(lake, CancellationToken.None))
        {
            read.Add(contact);
        }

        read.Select(c => c.Text).Should().Equal(contacts.Select(LabelStage.ClassifierText));
        read.Select(c => (c.ContactId, c.CustomerId, c.StartedAt, c.Channel, c.Disposition))
            .Should().Equal(contacts.Select(c => (c.ContactId, c.CustomerId, c.StartedAt, c.Channel, c.Disposition)));
        read.Where(c => c.Transcript.Length > 0).Select(c => c.ContactId).Should().Equal(["k0015"]);
    }

    public void Dispose() => _folder.Dispose();
}
