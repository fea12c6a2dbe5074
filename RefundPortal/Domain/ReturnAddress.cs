namespace RefundPortal.Domain;

/// <summary>An entry of a seller's return address book; a request keeps its own <see cref="AddressSnapshot"/>.</summary>
public sealed class ReturnAddress
{
    private ReturnAddress() { }

    public ReturnAddress(string sellerId, AddressSnapshot address, bool isDefault)
    {
        SellerId = sellerId;
        Update(address);
        IsDefault = isDefault;
    }

    public int Id { get; private set; }
    public string SellerId { get; private set; } = "";
    public string ContactName { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string Street { get; private set; } = "";
    public string City { get; private set; } = "";
    public string Region { get; private set; } = "";
    public string PostalCode { get; private set; } = "";
    public string Country { get; private set; } = "";
    public bool IsDefault { get; private set; }

    public AddressSnapshot Snapshot() => new(ContactName, Phone, Street, City, Region, PostalCode, Country);

    public void Update(AddressSnapshot address)
    {
        var errors = address.Validate();
        if (errors.Count > 0) throw new RefundValidationException(errors);
        ContactName = address.ContactName.Trim();
        Phone = address.Phone.Trim();
        Street = address.Street.Trim();
        City = address.City.Trim();
        Region = address.Region?.Trim() ?? "";
        PostalCode = address.PostalCode?.Trim() ?? "";
        Country = address.Country.Trim();
    }

    public void SetDefault(bool isDefault) => IsDefault = isDefault;
}
