using System.Security.Cryptography;
using RefundPortal.Domain;

namespace RefundPortal.Features.Refunds.Evidence;

/// <summary>A file as the browser sent it, read into memory (at most 5 MB each, 5 at a time).</summary>
public sealed record UploadedFile(string FileName, byte[] Content);

/// <summary>
/// Keeps evidence outside wwwroot under random names. The type is decided by the content (magic bytes), never by the
/// name the browser sent, so an HTML page named ".png" is refused.
/// </summary>
public sealed class EvidenceStore(IConfiguration configuration, IHostEnvironment environment, TimeProvider clock)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    private readonly string root = Path.GetFullPath(Path.Combine(environment.ContentRootPath,
        configuration["Evidence:Directory"] ?? Path.Combine("App_Data", "evidence")));

    /// <summary>The folder the files live in (backups copy it whole).</summary>
    public string Folder => root;

    /// <summary>The content type the bytes really are, or null when they are none of JPEG, PNG, WebP or PDF.</summary>
    public static string? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "image/jpeg";
        if (b.Length >= 8 && b[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (b.Length >= 5 && b[..5].SequenceEqual("%PDF-"u8)) return "application/pdf";
        return null;
    }

    /// <summary>Checks every file first; writes nothing unless all are acceptable.</summary>
    public IReadOnlyDictionary<string, string> Validate(IReadOnlyList<UploadedFile> files, int alreadyAttached = 0)
    {
        var errors = new Dictionary<string, string>();
        if (files.Count + alreadyAttached > RefundRequest.MaxEvidenceFiles)
            errors[Fields.Evidence] = $"Add at most {RefundRequest.MaxEvidenceFiles} evidence files.";
        else if (files.FirstOrDefault(f => f.Content.LongLength > MaxBytes) is { } big)
            errors[Fields.Evidence] = $"\"{big.FileName}\" is larger than 5 MB.";
        else if (files.FirstOrDefault(f => f.Content.Length == 0) is { } empty)
            errors[Fields.Evidence] = $"\"{empty.FileName}\" is empty.";
        else if (files.FirstOrDefault(f => Sniff(f.Content) is null) is { } wrong)
            errors[Fields.Evidence] = $"\"{wrong.FileName}\" is not a JPEG, PNG, WebP or PDF file.";
        return errors;
    }

    /// <summary>Writes the files and returns their records; call <see cref="Delete"/> if the change is not saved.</summary>
    public async Task<IReadOnlyList<EvidenceFile>> SaveAsync(IReadOnlyList<UploadedFile> files, Actor uploadedBy, CancellationToken ct)
    {
        var errors = Validate(files);
        if (errors.Count > 0) throw new RefundValidationException(errors);
        Directory.CreateDirectory(root);
        var saved = new List<EvidenceFile>();
        var written = new List<string>();
        try
        {
            foreach (var file in files)
            {
                var storedName = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
                // Listed before the write: a write that is cancelled or fails half-way leaves part of a file.
                written.Add(storedName);
                await File.WriteAllBytesAsync(PathOf(storedName), file.Content, ct);
                saved.Add(new EvidenceFile(storedName, SafeName(file.FileName), Sniff(file.Content)!, file.Content.LongLength,
                    uploadedBy, clock.GetUtcNow().UtcDateTime));
            }
        }
        catch
        {
            // The caller never gets the batch, so nobody else could remove what was written of it.
            foreach (var storedName in written) File.Delete(PathOf(storedName));
            throw;
        }
        return saved;
    }

    public void Delete(IEnumerable<EvidenceFile> files)
    {
        foreach (var file in files) File.Delete(PathOf(file.StoredName));
    }

    public Stream Open(EvidenceFile file) => File.OpenRead(PathOf(file.StoredName));

    /// <summary>The file, or null when it is not on disk (lost with a disk, or not restored from a backup).</summary>
    public Stream? TryOpen(EvidenceFile file)
    {
        try
        {
            return Open(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private string PathOf(string storedName) =>
        Path.Combine(root, storedName.All(char.IsAsciiHexDigitLower) ? storedName : throw new ArgumentException("Bad stored name."));

    private static string SafeName(string name)
    {
        var clean = Path.GetFileName(name.Replace('\\', '/')).Trim();
        clean = new string(clean.Where(c => !char.IsControl(c) && c != '"').ToArray());
        if (clean.Length == 0) clean = "evidence";
        return clean.Length > 200 ? clean[^200..] : clean;
    }
}
