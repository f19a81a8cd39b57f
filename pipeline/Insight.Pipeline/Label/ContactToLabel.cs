using System.Text.Json.Serialization;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Parquet.Serialization.Attributes;

namespace Insight.Pipeline.Label;

/// <summary>
/// What the label stage reads of a contact in <c>lake/contacts</c>: the columns of <see cref="ContactRecord"/>
/// it uses, without the whole transcript, which is most of a contact's bytes and is needed only when the
/// customer's turns were not told apart (<see cref="CustomerText"/> is empty); <see cref="ReadAsync"/> fills it then.
/// </summary>
public sealed class ContactToLabel
{
    [JsonPropertyName(Columns.ContactId)] public string ContactId { get; set; } = "";
    [JsonPropertyName(Columns.CustomerId)] public string CustomerId { get; set; } = "";
    [JsonPropertyName(Columns.StartedAt)] public DateTime StartedAt { get; set; }
    [JsonPropertyName(Columns.Channel)] public string Channel { get; set; } = "";
    [JsonPropertyName(Columns.AgentId)] public string? AgentId { get; set; }
    [JsonPropertyName(Columns.Queue)] public string? Queue { get; set; }
    [JsonPropertyName(Columns.Disposition)] public string? Disposition { get; set; }
    [JsonPropertyName(Columns.CustomerText)] public string CustomerText { get; set; } = "";

    /// <summary>The whole transcript, when <see cref="CustomerText"/> is empty; otherwise empty (not read).</summary>
    [ParquetIgnore] public string Transcript { get; set; } = "";

    /// <summary>What the root-cause classifier reads (see <see cref="LabelStage.ClassifierText(ContactRecord)"/>).</summary>
    public string Text => LabelStage.ClassifierText(CustomerText, Transcript);

    /// <summary>The contacts in the lake's order, a row group at a time; the transcripts of a row group are read only when one of its contacts has no customer turns.</summary>
    public static async IAsyncEnumerable<ContactToLabel> ReadAsync(ParquetLake lake, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var group in lake.ReadRowGroupsAsync<ContactToLabel>(LakeTables.Contacts, cancellationToken))
        {
            if (group.Rows.Any(c => c.CustomerText.Length == 0))
            {
                var transcripts = await ParquetLake.ReadRowGroupAsync<TranscriptOnly>(group.Path, group.Index, cancellationToken);
                for (int i = 0; i < group.Rows.Count; i++)
                {
                    if (group.Rows[i].CustomerText.Length == 0)
                    {
                        group.Rows[i].Transcript = transcripts[i].Transcript;
                    }
                }
            }

            foreach (var contact in group.Rows)
            {
                yield return contact;
            }
        }
    }

    private sealed class TranscriptOnly
    {
        [JsonPropertyName(Columns.Transcript)] public string Transcript { get; set; } = "";
    }
}
