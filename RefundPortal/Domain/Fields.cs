namespace RefundPortal.Domain;

/// <summary>
/// The keys of form fields in a <see cref="RefundValidationException"/>: the domain and the services raise errors under
/// them and the pages show each next to the field with the same key.
/// </summary>
public static class Fields
{
    public const string Lines = nameof(Lines);
    public const string Quantity = nameof(Quantity);
    public const string GoodsReceived = nameof(GoodsReceived);
    public const string Kind = nameof(Kind);
    public const string Amount = nameof(Amount);
    public const string IncludeShipping = nameof(IncludeShipping);
    public const string Reason = nameof(Reason);
    public const string Description = nameof(Description);
    public const string Evidence = nameof(Evidence);
    public const string Carrier = nameof(Carrier);
    public const string TrackingNumber = nameof(TrackingNumber);
    public const string Note = nameof(Note);
    public const string Statement = nameof(Statement);
    public const string Message = nameof(Message);
    public const string ReturnAddress = nameof(ReturnAddress);
    public const string ReturnRequired = nameof(ReturnRequired);
}

/// <summary>Messages that both a page (checking early) and the server (checking for real) give.</summary>
public static class UserMessages
{
    public static string SelectAnItem => DomainErrors.Get(nameof(SelectAnItem));
    public static string ChooseGoodsReceived => DomainErrors.Get(nameof(ChooseGoodsReceived));
    public static string ChooseKind => DomainErrors.Get(nameof(ChooseKind));
    public static string ChooseReason => DomainErrors.Get(nameof(ChooseReason));
    public static string ItemNotOnOrder => DomainErrors.Get(nameof(ItemNotOnOrder));
}
