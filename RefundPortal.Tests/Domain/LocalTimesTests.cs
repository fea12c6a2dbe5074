using RefundPortal.Domain;

namespace RefundPortal.Tests.Domain;

/// <summary>Times in the reader's zone, always with the zone named; message times drop the year only within the reader's current year.</summary>
public sealed class LocalTimesTests
{
    private static LocalTimes In(string zone) => new(TimeZones.Find(zone)!);

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("Europe/Berlin", 2026, 12, 3, "3 Dec 2026 15:05 CET")]
    [InlineData("Europe/Berlin", 2026, 7, 3, "3 Jul 2026 16:05 CEST")]
    [InlineData("America/New_York", 2026, 12, 3, "3 Dec 2026 09:05 EST")]
    [InlineData("America/New_York", 2026, 7, 3, "3 Jul 2026 10:05 EDT")]
    [InlineData("Europe/London", 2026, 12, 3, "3 Dec 2026 14:05 GMT")]
    [InlineData("Europe/London", 2026, 7, 3, "3 Jul 2026 15:05 BST")]
    [InlineData("Australia/Sydney", 2026, 12, 3, "4 Dec 2026 01:05 AEDT")]
    [InlineData("Australia/Sydney", 2026, 7, 3, "4 Jul 2026 00:05 AEST")]
    [InlineData("Asia/Tokyo", 2026, 12, 3, "3 Dec 2026 23:05 JST")]
    [InlineData("Asia/Kolkata", 2026, 12, 3, "3 Dec 2026 19:35 IST")]
    [InlineData("Asia/Shanghai", 2026, 12, 3, "3 Dec 2026 22:05 UTC+08:00")]
    [InlineData("America/Sao_Paulo", 2026, 12, 3, "3 Dec 2026 11:05 UTC-03:00")]
    [InlineData("Asia/Kathmandu", 2026, 12, 3, "3 Dec 2026 19:50 UTC+05:45")]
    [InlineData("America/St_Johns", 2026, 12, 3, "3 Dec 2026 10:35 NST")]
    [InlineData("UTC", 2026, 12, 3, "3 Dec 2026 14:05 UTC")]
    [InlineData("Africa/Abidjan", 2026, 12, 3, "3 Dec 2026 14:05 UTC")]
    public void AMomentIsWrittenInTheZoneWithTheZoneNamed(string zone, int year, int month, int day, string expected) =>
        Assert.Equal(expected, In(zone).Moment(Utc(year, month, day, 14, 5)));

    [Fact]
    public void TheNameFollowsTheOffsetOfThatMomentAcrossTheDaylightSavingChange()
    {
        // Europe/Berlin moves to summer time at 01:00 UTC on the last Sunday of March.
        var berlin = In("Europe/Berlin");
        Assert.Equal("29 Mar 2026 01:59 CET", berlin.Moment(Utc(2026, 3, 29, 0, 59)));
        Assert.Equal("29 Mar 2026 03:00 CEST", berlin.Moment(Utc(2026, 3, 29, 1, 0)));
    }

    [Fact]
    public void ADayIsTheDateInTheReadersZone()
    {
        var lateEvening = Utc(2026, 12, 3, 20, 0);
        Assert.Equal("3 Dec 2026", LocalTimes.Utc.Day(lateEvening));
        Assert.Equal("4 Dec 2026", In("Asia/Shanghai").Day(lateEvening));
        Assert.Equal("3 Dec 2026", In("America/Los_Angeles").Day(lateEvening));
    }

    [Fact]
    public void AStoredTimeOfUnspecifiedKindIsReadAsUtc() =>
        Assert.Equal("3 Dec 2026 15:05 CET", In("Europe/Berlin").Moment(new DateTime(2026, 12, 3, 14, 5, 0, DateTimeKind.Unspecified)));

    [Fact]
    public void AMessageTimeHasNoYearInTheReadersCurrentYear()
    {
        var now = Utc(2026, 12, 3, 14, 5);
        Assert.Equal("1 Feb 09:30 CET", In("Europe/Berlin").MessageTime(Utc(2026, 2, 1, 8, 30), now));
        Assert.Equal("1 Feb 2025 09:30 CET", In("Europe/Berlin").MessageTime(Utc(2025, 2, 1, 8, 30), now));
    }

    [Fact]
    public void TheYearRuleUsesTheReadersCalendarNotUtcs()
    {
        // 31 Dec 2026 20:00 UTC is already 1 Jan 2027 04:00 in Shanghai; it is now 1 Jan 2027 02:00 UTC.
        var message = Utc(2026, 12, 31, 20, 0);
        var now = Utc(2027, 1, 1, 2, 0);
        Assert.Equal("1 Jan 04:00 UTC+08:00", In("Asia/Shanghai").MessageTime(message, now));
        Assert.Equal("31 Dec 2026 20:00 UTC", LocalTimes.Utc.MessageTime(message, now));
        // In New York it is still 2026 (31 Dec 21:00): the message of 31 Dec 15:00 is this year there.
        Assert.Equal("31 Dec 15:00 EST", In("America/New_York").MessageTime(message, now));
    }
}

/// <summary>Zone ids come from cookies and forms: only ids the system knows are used.</summary>
public sealed class TimeZonesTests
{
    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("Asia/Shanghai")]
    [InlineData("UTC")]
    [InlineData("Etc/GMT+5")]
    public void FindsTheZonesTheSystemKnows(string id) => Assert.Equal(id, TimeZones.Find(id)?.Id);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../../etc/passwd")]
    [InlineData("/etc/localtime")]
    [InlineData("Europe/../Europe/Berlin")]
    [InlineData("Europe//Berlin")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Europe/Berlin\n")]
    [InlineData("Europe/Berlin; max-age=0")]
    public void RefusesWhatIsNoZone(string? id) => Assert.Null(TimeZones.Find(id));

    [Fact]
    public void RefusesAnOverlongId() => Assert.Null(TimeZones.Find("Europe/" + new string('a', TimeZones.MaxIdLength)));

    [Theory]
    [InlineData(8, 0, "UTC+08:00")]
    [InlineData(-3, -30, "UTC-03:30")]
    [InlineData(5, 45, "UTC+05:45")]
    [InlineData(0, 0, "UTC+00:00")]
    public void AnOffsetIsSignedHoursAndMinutes(int hours, int minutes, string expected) =>
        Assert.Equal(expected, TimeZones.Offset(new TimeSpan(hours, minutes, 0)));
}
