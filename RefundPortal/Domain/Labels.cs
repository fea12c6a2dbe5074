
namespace RefundPortal.Domain;

/// <summary>The exact words DESIGN.md uses in the UI, and the one way dates and durations are written.</summary>
public static class Labels
{
    public static string Label(this RefundStatus status) =>
        Enum.IsDefined(status) ? DomainText.Get($"RefundStatus_{status}") : status.ToString();

    public static string Label(this OrderStatus status) =>
        Enum.IsDefined(status) ? DomainText.Get($"OrderStatus_{status}") : status.ToString();

    public static string Label(this ProductStatus status) =>
        Enum.IsDefined(status) ? DomainText.Get($"ProductStatus_{status}") : status.ToString();

    public static string Label(this RefundKind kind) =>
        DomainText.Get(kind == RefundKind.ReturnAndRefund ? "RefundKind_ReturnAndRefund" : "RefundKind_RefundOnly");

    /// <summary>The answer to "Have you received the goods".</summary>
    public static string GoodsLabel(bool received) => DomainText.Get(received ? "Goods_Received" : "Goods_NotReceived");

    public static string Label(this RefundReason reason) =>
        DomainText.Get(Enum.IsDefined(reason) ? $"RefundReason_{reason}" : "RefundReason_Other");

    public static string Label(this CloseReason reason) =>
        Enum.IsDefined(reason) ? DomainText.Get($"CloseReason_{reason}") : reason.ToString();

    /// <summary>Who acted or wrote, as the reader's language names the role.</summary>
    public static string Label(this ActorRole role) =>
        Enum.IsDefined(role) ? DomainText.Get($"ActorRole_{role}") : role.ToString();

    /// <summary>How an earlier plan ended (<c>Plan.EndedAs</c> stores the English word, the reader reads theirs).</summary>
    public static string PlanEnded(string? how) =>
        how is null ? "" : how is "Replaced" or "Deleted" or "Accepted" or "Superseded" ? DomainText.Get($"PlanEnded_{how}") : how;

    /// <summary>Where a refund's money is, as the buyer's page says it (the day it was paid written in the reader's zone).</summary>
    public static string Describe(this PayoutStatus status, string? settledDay, string? reference) => status switch
    {
        PayoutStatus.Requested => DomainText.Get("Payout_Requested"),
        PayoutStatus.Paid => DomainText.Format("Payout_Paid", settledDay, reference),
        PayoutStatus.Failed => DomainText.Get("Payout_Failed"),
        _ => status.ToString(),
    };

    /// <summary>What a timeline entry says happened.</summary>
    public static string Label(this TimelineEventKind kind) =>
        Enum.IsDefined(kind) ? DomainText.Get($"Timeline_{kind}") : kind.ToString();

    /// <summary>What the party who must act is asked to do before the deadline (the reminder's words).</summary>
    public static string ToDo(this RefundStatus status) =>
        status.IsActive() ? DomainText.Get($"ToDo_{status}") : "";

    /// <summary>
    /// "If the seller does not respond within …, …": what happens when the deadline passes, written for the reader:
    /// the party it waits for reads "If you do not respond …" and then what they can do now. One whole sentence per
    /// case and reader, since languages do not build it from the same pieces.
    /// </summary>
    public static string Consequence(RefundStatus status, RefundKind kind, TimeSpan left, ActorRole? reader = null)
    {
        var mine = reader is not null && status.WaitsFor() == reader;
        var key = status switch
        {
            RefundStatus.AwaitingSeller => $"AwaitingSeller_{(kind == RefundKind.RefundOnly ? nameof(RefundKind.RefundOnly) : nameof(RefundKind.ReturnAndRefund))}",
            RefundStatus.SellerRefused or RefundStatus.AwaitingReturn or RefundStatus.ReturnInTransit or RefundStatus.PlatformIntervention => status.ToString(),
            _ => null,
        };
        if (key is null) return "";
        var consequence = DomainText.Format($"Consequence_{key}_{(mine ? "Mine" : "Other")}", Duration(left));
        return mine ? DomainText.Format("Consequence_WhatNow", consequence, status.ToDo()) : consequence;
    }

    /// <summary>"4 days 23 hours", "5 hours 10 minutes", "42 seconds" ("4天23小时"): the two largest units left.</summary>
    public static string Duration(TimeSpan left)
    {
        if (left < TimeSpan.Zero) left = TimeSpan.Zero;
        static string Unit(int n, string name) => DomainText.Format($"Duration_{name}{(n == 1 ? "" : "s")}", n);
        static string Pair(string a, string b) => DomainText.Format("Duration_Pair", a, b);
        if (left.TotalDays >= 1) return Pair(Unit(left.Days, "Day"), Unit(left.Hours, "Hour"));
        if (left.TotalHours >= 1) return Pair(Unit(left.Hours, "Hour"), Unit(left.Minutes, "Minute"));
        if (left.TotalMinutes >= 1) return Pair(Unit(left.Minutes, "Minute"), Unit(left.Seconds, "Second"));
        return Unit(left.Seconds, "Second");
    }

    /// <summary>
    /// A day in UTC, e.g. "24 Nov 2026", for the domain's own messages (its rules run in UTC). Pages write times in the
    /// reader's zone through ReaderTime, emails in the recipient's through <see cref="LocalTimes"/>.
    /// </summary>
    public static string Day(this DateTime utc) => LocalTimes.Utc.Day(utc);
}
