using System.Collections.Frozen;

namespace RefundPortal.Domain;

/// <summary>
/// ISO 4217 currencies and their minor units: how many decimals an amount has (JPY none, USD two, KWD three). Every
/// conversion between a typed amount and stored minor units, and every amount shown, goes through
/// <see cref="MinorDigits"/>. Orders come in only in a code of this list (the API refuses others); a code the list does
/// not know (data from before the list, a code ISO adds later) is read with two digits, the most common exponent.
/// </summary>
public static class Currencies
{
    public const int DefaultMinorDigits = 2;

    // ISO 4217 list one (active codes with a minor unit; funds, metals and "no currency" codes have none and are left out).
    private const string NoMinorUnit = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
    private const string ThreeDigits = "BHD IQD JOD KWD LYD OMR TND";
    private const string FourDigits = "CLF UYW";
    private const string TwoDigits =
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW " +
        "CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS " +
        "INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN " +
        "NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC " +
        "SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG";

    private static readonly FrozenDictionary<string, int> Digits = new[] { (NoMinorUnit, 0), (TwoDigits, 2), (ThreeDigits, 3), (FourDigits, 4) }
        .SelectMany(g => g.Item1.Split(' ').Select(code => KeyValuePair.Create(code, g.Item2)))
        .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every code an order may come in, in alphabetical order.</summary>
    public static IEnumerable<string> Known => Digits.Keys.Order(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="code"/> is an ISO 4217 code of this list, written as ISO writes it (three capitals).</summary>
    public static bool IsKnown(string? code) => code is not null && Digits.ContainsKey(code);

    /// <summary>Three letters A to Z: the shape of any ISO 4217 code.</summary>
    public static bool IsWellFormed(string? code) => code is { Length: 3 } && code.All(c => c is >= 'A' and <= 'Z');

    /// <summary>The decimals of the currency's minor unit: 0 for JPY, 2 for USD, 3 for KWD; 2 for a code not in the list.</summary>
    public static int MinorDigits(string code) => Digits.GetValueOrDefault(code, DefaultMinorDigits);

    /// <summary>Minor units in one major unit: 1 for JPY, 100 for USD, 1000 for KWD.</summary>
    public static decimal Factor(string code) => MinorDigits(code) switch
    {
        0 => 1m,
        1 => 10m,
        2 => 100m,
        3 => 1000m,
        _ => 10000m,
    };

    /// <summary>The smallest amount in major units (0.01 for USD, 1 for JPY): what a form's amount field starts at.</summary>
    public static decimal Smallest(string code) => 1m / Factor(code);

    /// <summary>
    /// The number format of an amount field: the currency's decimals always ("18.50" USD, "1.250" KWD, "4800" JPY), and
    /// any further digits typed kept in sight rather than rounded away, so "12.5" yen stays what the message about it says.
    /// </summary>
    public static string InputFormat(string code) => "0." + new string('0', MinorDigits(code)) + new string('#', 12);
}
