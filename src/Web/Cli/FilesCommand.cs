using System.Text.Json;
using Saraban.Workflow.Files;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Numbering;

namespace Saraban.Web.Cli;

/// <summary>./saraban files: a draft's files from the command line, as the web handles them; and the sweep.</summary>
public static class FilesCommand
{
    private const string Help =
        $"""
        Usage: ./saraban files attach LETTER_ID FILE --as USER [--description TEXT] [--max-file-mb N]
               ./saraban files list LETTER_ID --as USER
               ./saraban files get LETTER_ID NUMBER --as USER --out PATH
               ./saraban files clean [--idle-days N] [--grace-hours N]

          attach   enclose FILE (PDF, PNG, JPEG, DOCX, XLSX) in a draft of USER's office
          list     a letter's files with their labels (สิ่งที่ส่งมาด้วย ๑ …), sizes and SHA-256
          get      write file NUMBER of a letter USER may read to PATH
          clean    discard drafts with files untouched for N days (default 30) and delete every
                   stored file no live letter names, once older than the grace (default 24 hours)
        {StoreArguments.Help}
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help") || args.Positional.Count == 0) return Verbs.Print(Help, args.Has("help") ? 0 : 2);
        var options = StoreArguments.Read(args);
        var what = args.Positional[0];
        string Need(int i, string name) => args.Positional.Count > i ? args.Positional[i] : throw new UsageException($"files {what} needs {name}");
        string As() => args.Get("as") ?? throw new UsageException("--as USER is required");
        await using var opened = await OpenedStore.OpenAsync(options);
        var (store, types, directory, access) = opened;
        var fileStore = FileStores.For(store);
        var limits = args.Get("max-file-mb") is not null ? new FileLimits(args.GetInt("max-file-mb", 20, max: 2048) * 1024L * 1024) : FileLimits.FromEnvironment();
        var letters = new Correspondence(store, types, directory, access, new NumberIssuer(store, types), TimeProvider.System, secrets: opened.Secrets(options));
        var files = new LetterFiles(letters, store, types, access, fileStore, new FileIntake(fileStore, limits), TimeProvider.System, opened.Secrets(options));
        switch (what)
        {
            case "attach":
            {
                var (id, path, user) = (Need(1, "LETTER_ID"), Need(2, "FILE"), As());
                var description = args.Get("description");
                args.RejectUnknown();
                if (!File.Exists(path)) throw new UsageException($"no file {path}");
                await using var body = File.OpenRead(path);
                var (number, label, file) = await files.AttachAsync(user, id, body, Path.GetFileName(path), description);
                Console.WriteLine(JsonSerializer.Serialize(new { number, label, file.FileName, file.MediaType, file.Length, file.Sha256 }, Workflow.EventStore.EventTypes.Json));
                return 0;
            }
            case "list":
            {
                var (id, user) = (Need(1, "LETTER_ID"), As());
                args.RejectUnknown();
                var letter = await letters.ReadOutgoingAsync(user, id);
                foreach (var (label, f) in Enclosures.Labelled(letter.Content!, letter.Files))
                    Console.WriteLine($"{label}\t{Enclosures.Line(f)}\t{f.FileName}\t{f.MediaType}\t{f.Length}\t{f.Sha256}");
                return 0;
            }
            case "get":
            {
                var (id, n, user) = (Need(1, "LETTER_ID"), Need(2, "NUMBER"), As());
                var output = args.Get("out") ?? throw new UsageException("--out PATH is required");
                args.RejectUnknown();
                if (!int.TryParse(n, out var number)) throw new UsageException($"NUMBER must be a whole number, not '{n}'");
                var (file, content) = await files.OpenOutgoingAsync(user, id, number);
                await using (content)
                await using (var target = File.Create(output))
                    await content.CopyToAsync(target);
                Console.WriteLine($"{file.FileName} ({file.Length:N0} bytes) written to {output}");
                return 0;
            }
            case "clean":
            {
                var sweep = new FileSweep(store, types, fileStore, TimeProvider.System)
                {
                    IdleDays = args.GetInt("idle-days", 30, max: 3650),
                    Grace = TimeSpan.FromHours(args.GetInt("grace-hours", 24, min: 0, max: 24 * 365)),
                };
                args.RejectUnknown();
                var result = await sweep.RunAsync();
                Console.WriteLine($"{result.DraftsDiscarded} abandoned drafts discarded, {result.FilesDeleted} files deleted, {result.FilesKept} kept.");
                return 0;
            }
            default:
                throw new UsageException($"files takes attach, list, get or clean, not '{what}'");
        }
    }
}
