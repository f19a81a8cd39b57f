using Insight.Pipeline.Label;

namespace Insight.Pipeline.Resolve;

/// <summary>Groups labelled contacts into issues as of a date, reading nothing at or after it.</summary>
public static class IssueBuilder
{
    public static List<IssueRecord> Build(IEnumerable<LabeledContact> contacts, ResolutionOptions options, DateTime asOf) =>
        Build(contacts, options, asOf, members: null);

    /// <summary>Groups the contacts into issues and adds each contact's place in its issue to <paramref name="members"/>.</summary>
    public static List<IssueRecord> Build(IEnumerable<LabeledContact> contacts, ResolutionOptions options, DateTime asOf, List<IssueContact>? members)
    {
        var issues = new List<IssueRecord>();
        var groups = contacts
            .Where(c => c.StartedAt < asOf)
            .GroupBy(c => (c.CustomerId, c.RootCause))
            .OrderBy(g => g.Key.CustomerId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.RootCause, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            IssueAccumulator? current = null;
            foreach (var contact in group.OrderBy(c => c.StartedAt).ThenBy(c => c.ContactId, StringComparer.Ordinal))
            {
                if (current is not null && contact.StartedAt - current.LastContactAt <= options.RepeatWindow)
                {
                    current.Add(contact, isTransfer: contact.StartedAt - current.LastContactAt < options.TransferWindow);
                    continue;
                }

                if (current is not null)
                {
                    issues.Add(current.ToRecord(options, asOf, members));
                }

                current = new IssueAccumulator(contact);
            }

            if (current is not null)
            {
                issues.Add(current.ToRecord(options, asOf, members));
            }
        }

        return issues;
    }

    private sealed class IssueAccumulator
    {
        private readonly LabeledContact _first;
        private readonly HashSet<string> _agents = new(StringComparer.Ordinal);
        private readonly List<string> _channels = [];
        private readonly List<(LabeledContact Contact, string Role)> _members = [];
        private int _contacts;
        private int _transfers;

        public IssueAccumulator(LabeledContact first)
        {
            _first = first;
            _contacts = 1;
            Track(first);
            _members.Add((first, IssueContact.First));
        }

        public DateTime LastContactAt { get; private set; }

        public void Add(LabeledContact contact, bool isTransfer)
        {
            _contacts++;
            if (isTransfer)
            {
                _transfers++;
            }

            _members.Add((contact, isTransfer ? IssueContact.Transfer : IssueContact.Repeat));
            Track(contact);
        }

        private void Track(LabeledContact contact)
        {
            if (contact.AgentId is not null)
            {
                _agents.Add(contact.AgentId);
            }

            if (!_channels.Contains(contact.Channel))
            {
                _channels.Add(contact.Channel);
            }

            LastContactAt = contact.StartedAt;
        }

        public IssueRecord ToRecord(ResolutionOptions options, DateTime asOf, List<IssueContact>? members)
        {
            int touches = _contacts - _transfers;
            string issueId = $"{_first.CustomerId}:{_first.RootCause}:{_first.StartedAt:yyyyMMddTHHmmss}";
            members?.AddRange(_members.Select(m => new IssueContact
            {
                ContactId = m.Contact.ContactId,
                IssueId = issueId,
                CustomerId = m.Contact.CustomerId,
                StartedAt = m.Contact.StartedAt,
                Channel = m.Contact.Channel,
                Queue = m.Contact.Queue ?? "",
                AgentId = m.Contact.AgentId ?? "",
                RootCause = _first.RootCause,
                Owner = _first.Owner,
                Role = m.Role,
            }));
            return new IssueRecord
            {
                IssueId = issueId,
                CustomerId = _first.CustomerId,
                RootCause = _first.RootCause,
                Owner = _first.Owner,
                OpenedAt = _first.StartedAt,
                LastContactAt = LastContactAt,
                Contacts = _contacts,
                Touches = touches,
                Transfers = _transfers,
                DistinctAgents = _agents.Count,
                Channels = string.Join(',', _channels),
                FirstChannel = _first.Channel,
                FirstQueue = _first.Queue ?? "",
                RepeatContacts = touches - 1,
                DaysToLastContact = Math.Round((LastContactAt - _first.StartedAt).TotalDays, 3),
                ResolvedFirstTime = touches == 1,
                Judged = _first.StartedAt <= asOf - options.RepeatWindow,
            };
        }
    }
}
