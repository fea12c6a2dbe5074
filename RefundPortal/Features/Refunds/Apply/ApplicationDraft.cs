namespace RefundPortal.Features.Refunds.Apply;

/// <summary>
/// An application the buyer started and has not submitted: one per buyer and order, kept until it is submitted or
/// discarded (or left untouched for <see cref="ApplicationDrafts.KeptFor"/>), so a reload, a crash or another device
/// finds the answers and files again.
/// </summary>
public sealed class ApplicationDraft
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public int OrderId { get; set; }

    /// <summary>The request a "Modify Application" draft changes; null for a new application.</summary>
    public int? RequestId { get; set; }

    /// <summary>The answers as JSON (<see cref="DraftAnswers"/>): written and read by the server only.</summary>
    public string Answers { get; set; } = "";

    public DateTime UpdatedAt { get; set; }
}

/// <summary>What a draft keeps: the step the buyer was on, the form, whether they typed their own amount, the files.</summary>
public sealed record DraftAnswers(int Step, RefundForm Form, bool AmountEdited, IReadOnlyList<DraftFile> Files);

/// <summary>A picked evidence file kept with a draft, under a random name in the drafts folder.</summary>
public sealed record DraftFile(string StoredName, string FileName, long Length);
