using System.Security.Cryptography;
using RefundPortal.Domain;

namespace RefundPortal.Features.Refunds.Evidence;

/// <summary>
/// A file as the browser sent it, streamed into a temporary file of its own (random name) so that no upload sits in
/// circuit memory. Whoever holds it deletes it (<see cref="Dispose"/>, through <see cref="Uploads"/>) once it is removed,
/// sent, or its page goes away.
/// </summary>
public sealed class UploadedFile : IDisposable
{
    private UploadedFile(string tempPath, string fileName, long length)
    {
        TempPath = tempPath;
        FileName = fileName;
        Length = length;
    }

    /// <summary>The temporary file holding the content.</summary>
    public string TempPath { get; }

    /// <summary>The name the browser sent: shown, never used to store.</summary>
    public string FileName { get; }

    /// <summary>The bytes actually received (not the size the browser claimed).</summary>
    public long Length { get; }

    /// <summary>Where uploads wait when no folder is configured.</summary>
    public static string DefaultFolder { get; } = Path.Combine(Path.GetTempPath(), "refundportal-uploads");

    /// <summary>Copies the stream into a new temporary file in <paramref name="folder"/>; a partial file is removed when the copy fails.</summary>
    public static async Task<UploadedFile> ReceiveAsync(Stream content, string fileName, string folder, CancellationToken ct)
    {
        var path = NewPath(folder);
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await content.CopyToAsync(target, ct);
            return new UploadedFile(path, fileName, target.Length);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>For tests: the bytes written to a temporary file, as if the browser had sent them.</summary>
    public static UploadedFile FromBytes(string fileName, byte[] content)
    {
        var path = NewPath(DefaultFolder);
        File.WriteAllBytes(path, content);
        return new UploadedFile(path, fileName, content.LongLength);
    }

    public Stream OpenRead() => new FileStream(TempPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    /// <summary>The first bytes (fewer when the file is shorter): enough to tell the type by content.</summary>
    public byte[] Head(int count)
    {
        using var stream = new FileStream(TempPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var head = new byte[(int)Math.Min(count, stream.Length)];
        stream.ReadExactly(head);
        return head;
    }

    public void Dispose()
    {
        try
        {
            File.Delete(TempPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing to do for the user; the folder is a temporary one.
        }
    }

    /// <summary>A new random path in <paramref name="folder"/>, the folder created readable by this process's user only.</summary>
    internal static string NewPath(string folder)
    {
        // Only this process's user may look into the folder: it holds other people's uploads for a while.
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return Path.Combine(folder, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
    }
}

/// <summary>
/// The files a form holds until its move runs. Removing one, clearing them, or disposing the holder (its component
/// going away, which also happens when the circuit ends) deletes their temporary files.
/// </summary>
public sealed class Uploads : IReadOnlyList<UploadedFile>, IDisposable
{
    private readonly List<UploadedFile> files = [];
    private bool disposed;

    public int Count => files.Count;
    public UploadedFile this[int index] => files[index];

    /// <summary>Takes the file over; after <see cref="Dispose"/> (a read that finished after its page went away) it is deleted at once.</summary>
    public void Add(UploadedFile file)
    {
        if (disposed) file.Dispose();
        else files.Add(file);
    }

    public void Remove(UploadedFile file)
    {
        if (files.Remove(file)) file.Dispose();
    }

    public void Clear()
    {
        foreach (var file in files) file.Dispose();
        files.Clear();
    }

    public void Dispose()
    {
        disposed = true;
        Clear();
    }

    public IEnumerator<UploadedFile> GetEnumerator() => files.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Keeps evidence outside wwwroot under random names. The type is decided by the content (magic bytes), never by the
/// name the browser sent, so an HTML page named ".png" is refused.
/// </summary>
public sealed class EvidenceStore(IConfiguration configuration, IHostEnvironment environment, TimeProvider clock)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>The longest magic number <see cref="Sniff"/> looks at.</summary>
    private const int SniffBytes = 12;

    private readonly string root = Path.GetFullPath(Path.Combine(environment.ContentRootPath,
        configuration["Evidence:Directory"] ?? Path.Combine("App_Data", "evidence")));

    private readonly string uploads = configuration["Evidence:UploadDirectory"] is { Length: > 0 } configured
        ? Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured))
        : UploadedFile.DefaultFolder;

    /// <summary>The folder the files live in (backups copy it whole).</summary>
    public string Folder => root;

    /// <summary>Where uploads wait, each in a temporary file, until their move saves them.</summary>
    public string UploadFolder => uploads;

    /// <summary>Streams a file the browser sends into a temporary file; the caller holds it (see <see cref="Uploads"/>).</summary>
    public Task<UploadedFile> ReceiveAsync(Stream content, string fileName, CancellationToken ct) =>
        UploadedFile.ReceiveAsync(content, fileName, uploads, ct);

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
            errors[Fields.Evidence] = RefundWords.Format("TooManyFiles", RefundRequest.MaxEvidenceFiles);
        else if (files.FirstOrDefault(f => f.Length > MaxBytes) is { } big)
            errors[Fields.Evidence] = RefundWords.Format("TooLarge", big.FileName);
        else if (files.FirstOrDefault(f => f.Length == 0) is { } empty)
            errors[Fields.Evidence] = RefundWords.Format("EmptyFile", empty.FileName);
        else if (files.FirstOrDefault(f => Sniff(f.Head(SniffBytes)) is null) is { } wrong)
            errors[Fields.Evidence] = RefundWords.Format("WrongType", wrong.FileName);
        return errors;
    }

    /// <summary>Writes the files and returns their records; call <see cref="Delete"/> if the change is not saved.</summary>
    public async Task<IReadOnlyList<EvidenceFile>> SaveAsync(IReadOnlyList<UploadedFile> files, Actor uploadedBy, CancellationToken ct)
    {
        var errors = Validate(files);
        if (errors.Count > 0) throw new RefundValidationException(errors);
        Directory.CreateDirectory(root);
        var saved = new List<EvidenceFile>();
        try
        {
            foreach (var file in files)
            {
                // Copied, not moved: the form keeps its files until the move went through, so a refusal can be retried.
                var storedName = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
                var contentType = Sniff(file.Head(SniffBytes))!;
                await using (var source = file.OpenRead())
                await using (var target = new FileStream(PathOf(storedName), FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                {
                    saved.Add(new EvidenceFile(storedName, SafeName(file.FileName), contentType, file.Length, uploadedBy, clock.GetUtcNow().UtcDateTime));
                    await source.CopyToAsync(target, ct);
                }
            }
        }
        catch
        {
            Delete(saved);
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
