using Insight.Pipeline.Label;

namespace Insight.Pipeline.Resolve;

/// <summary>Groups labelled contacts into issues as of a date, reading nothing at or after it.</summary>
public static class IssueBuilder
{
    /// <summary>Groups the contacts into issues and, when <paramref name="members"/> is given, adds each contact's place in its issue to it.</summary>
    public static List<IssueRecord> Build(IEnumerable<LabeledContact> contacts, ResolutionOptions options, DateTime asOf, List<IssueContact>? members = null)
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
                    issues.Add(current.ToRecord(options, asOf));
                }

                current = new IssueAccumulator(contact, members);
            }

            if (current is not null)
            {
                issues.Add(current.ToRecord(options, asOf));
            }
        }

        return issues;
    }

    private sealed class IssueAccumulator
    {
        private readonly LabeledContact _first;
        private readonly HashSet<string> _agents = new(StringComparer.Ordinal);
        private readonly List<string> _channels = [];
        private readonly List<IssueContact>? _members;
        private readonly string _issueId;
        private int _contacts;
        private int _transfers;

        /// <param name="first">The issue's first contact.</param>
        /// <param name="members">Where each contact's place in the issue is added as it comes; null to skip.</param>
        public IssueAccumulator(LabeledContact first, List<IssueContact>? members)
        {
            _first = first;
            _members = members;
            _issueId = $"{first.CustomerId}:{first.RootCause}:{first.StartedAt:yyyyMMddTHHmmss}";
            _contacts = 1;
            Track(first, IssueContact.First);
        }

        public DateTime LastContactAt { get; private set; }

        public void Add(LabeledContact contact, bool isTransfer)
        {
            _contacts++;
            if (isTransfer)
            {
                _transfers++;
            }

            Track(contact, isTransfer ? IssueContact.Transfer : IssueContact.Repeat);
        }

        private void Track(LabeledContact contact, string role)
        {
            _members?.Add(new IssueContact
            {
                ContactId = contact.ContactId,
                IssueId = _issueId,
                CustomerId = contact.CustomerId,
                StartedAt = contact.StartedAt,
                Channel = contact.Channel,
                Queue = contact.Queue ?? "",
                AgentId = contact.AgentId ?? "",
                RootCause = _first.RootCause,
                Owner = _first.Owner,
                Role = role,
            });
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

        public IssueRecord ToRecord(ResolutionOptions options, DateTime asOf)
        {
            int touches = _contacts - _transfers;
            return new IssueRecord
            {
                IssueId = _issueId,
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
