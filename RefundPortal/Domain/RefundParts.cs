namespace RefundPortal.Domain;

/// <summary>A selected order line and how many of its units the request covers.</summary>
public sealed class RefundLine
{
    private RefundLine() { }

    internal RefundLine(OrderLine orderLine, int quantity)
    {
        OrderLine = orderLine;
        OrderLineId = orderLine.Id;
        Quantity = quantity;
    }

    public int Id { get; private set; }
    public int RefundRequestId { get; private set; }
    public int OrderLineId { get; private set; }
    public OrderLine OrderLine { get; private set; } = null!;
    public int Quantity { get; private set; }

    public long ValueMinor => OrderLine.UnitPriceMinor * Quantity;
}

/// <summary>
/// A timeline entry's note: what a person wrote (shown as written), or a sentence the system writes, kept as the key of
/// its words in DomainText and its one argument (an amount, an address), so each reader reads it in their own language.
/// </summary>
public readonly record struct TimelineNote(string? Text, string? Key = null)
{
    public static implicit operator TimelineNote(string? text) => new(text);

    /// <summary>A sentence the system writes: its words from DomainText's <paramref name="key"/>, its argument as given.</summary>
    public static TimelineNote Said(string key, string? argument = null) => new(argument, key);

    /// <summary>The note in the current UI culture.</summary>
    public static string? Read(string? key, string? text) => key is null ? text : DomainText.Format(key, text ?? "");
}

/// <summary>One entry of the never-edited timeline: who, what, from which status to which, when.</summary>
public sealed class TimelineEvent
{
    private TimelineEvent() { }

    internal TimelineEvent(TimelineEventKind kind, Actor actor, RefundStatus? from, RefundStatus to, TimelineNote? note, DateTime at)
    {
        Kind = kind;
        ActorId = actor.UserId;
        ActorRole = actor.Role;
        FromStatus = from;
        ToStatus = to;
        Note = note?.Text;
        NoteKey = note?.Key;
        At = at;
    }

    /// <summary>The note in the reader's language (the current UI culture).</summary>
    public string? NoteText => TimelineNote.Read(NoteKey, Note);

    public long Id { get; private set; }
    public int RefundRequestId { get; private set; }
    public TimelineEventKind Kind { get; private set; }
    public string? ActorId { get; private set; }
    public ActorRole ActorRole { get; private set; }
    public RefundStatus? FromStatus { get; private set; }
    public RefundStatus ToStatus { get; private set; }
    /// <summary>What a person wrote, or the argument of the system's sentence <see cref="NoteKey"/>.</summary>
    public string? Note { get; private set; }
    /// <summary>The DomainText key of a sentence the system wrote; null for a person's note (and entries before keys).</summary>
    public string? NoteKey { get; private set; }
    public DateTime At { get; private set; }
}

/// <summary>The seller's return address as it was when confirmed; later edits of the address book do not change it.</summary>
public sealed record AddressSnapshot(
    string ContactName, string Phone, string Street, string City, string Region, string PostalCode, string Country)
{
    public override string ToString() =>
        string.Join(", ", new[] { ContactName, Phone, Street, City, Region, PostalCode, Country }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>The fields a parcel cannot travel without.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(ContactName)) errors[nameof(ContactName)] = DomainErrors.Get("Address_ContactName");
        if (string.IsNullOrWhiteSpace(Phone)) errors[nameof(Phone)] = DomainErrors.Get("Address_Phone");
        if (string.IsNullOrWhiteSpace(Street)) errors[nameof(Street)] = DomainErrors.Get("Address_Street");
        if (string.IsNullOrWhiteSpace(City)) errors[nameof(City)] = DomainErrors.Get("Address_City");
        if (string.IsNullOrWhiteSpace(Country)) errors[nameof(Country)] = DomainErrors.Get("Address_Country");
        foreach (var (field, value) in new[] { (nameof(ContactName), ContactName), (nameof(Phone), Phone), (nameof(Street), Street),
                     (nameof(City), City), (nameof(Region), Region), (nameof(PostalCode), PostalCode), (nameof(Country), Country) })
            if (value?.Length > 200) errors[field] = DomainErrors.Format("Text_TooLong", 200);
        return errors;
    }
}

/// <summary>What the buyer sent back and how.</summary>
public sealed record ReturnShipment(string Carrier, string TrackingNumber, string? Note, DateTime ShippedAt);

/// <summary>Metadata of an uploaded evidence file; the bytes live outside wwwroot under <see cref="StoredName"/>.</summary>
public sealed class EvidenceFile
{
    private EvidenceFile() { }

    public EvidenceFile(string storedName, string fileName, string contentType, long sizeBytes, Actor uploadedBy, DateTime uploadedAt)
    {
        StoredName = storedName;
        FileName = fileName;
        ContentType = contentType;
        SizeBytes = sizeBytes;
        UploadedById = uploadedBy.UserId;
        UploadedByRole = uploadedBy.Role;
        UploadedAt = uploadedAt;
    }

    public int Id { get; private set; }
    public int RefundRequestId { get; private set; }
    public string StoredName { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public string? UploadedById { get; private set; }
    public ActorRole UploadedByRole { get; private set; }
    public DateTime UploadedAt { get; private set; }
    /// <summary>Set for a file attached to a message; such files do not count towards the request's evidence.</summary>
    public int? MessageId { get; private set; }
    public bool IsMessageAttachment { get; private set; }

    internal void MarkAsAttachment() => IsMessageAttachment = true;
}

/// <summary>A message in the refund's conversation between buyer, seller and (once escalated) the arbiter.</summary>
public sealed class RefundMessage
{
    private readonly List<EvidenceFile> _attachments = [];

    private RefundMessage() { }

    internal RefundMessage(Actor author, string text, IReadOnlyList<EvidenceFile> attachments, DateTime at)
    {
        AuthorId = author.UserId;
        AuthorRole = author.Role;
        Text = text;
        At = at;
        _attachments.AddRange(attachments);
    }

    public int Id { get; private set; }
    public int RefundRequestId { get; private set; }
    public string? AuthorId { get; private set; }
    public ActorRole AuthorRole { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime At { get; private set; }
    public IReadOnlyList<EvidenceFile> Attachments => _attachments;
}

/// <summary>A plan in a dispute: each party holds at most one current plan; replaced and deleted ones stay as history.</summary>
public sealed class DisputePlan
{
    private DisputePlan() { }

    internal DisputePlan(Actor proposer, RefundKind kind, long amountMinor, string? note, DateTime at)
    {
        ProposedById = proposer.UserId;
        ProposedByRole = proposer.Role;
        Kind = kind;
        AmountMinor = amountMinor;
        Note = note;
        ProposedAt = at;
    }

    public int Id { get; private set; }
    public int RefundRequestId { get; private set; }
    public string? ProposedById { get; private set; }
    public ActorRole ProposedByRole { get; private set; }
    public RefundKind Kind { get; private set; }
    public long AmountMinor { get; private set; }
    public string? Note { get; private set; }
    public DateTime ProposedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }
    /// <summary>"Replaced", "Deleted", "Accepted" or "Superseded" once the plan is no longer current.</summary>
    public string? EndedAs { get; private set; }

    public bool IsCurrent => EndedAt is null;

    internal void End(string how, DateTime at)
    {
        EndedAt = at;
        EndedAs = how;
    }
}

/// <summary>A line chosen in a form: the order line and a quantity.</summary>
public sealed record LineSelection(OrderLine Line, int Quantity);

/// <summary>The refund agreement the buyer fills in (DESIGN.md section 3).</summary>
public sealed record RefundTerms(
    IReadOnlyList<LineSelection> Lines,
    bool GoodsReceived,
    RefundKind Kind,
    long AmountMinor,
    bool IncludeShipping,
    RefundReason Reason,
    string? Description,
    IReadOnlyList<EvidenceFile> Evidence);

/// <summary>Raised when a line already has an active request; carries it so the page can link to it.</summary>
public sealed class ActiveRefundExistsException(int activeRequestId, string productName)
    : DomainException(DomainErrors.Format("Refund_ActiveExists", productName))
{
    public int ActiveRequestId { get; } = activeRequestId;
}
