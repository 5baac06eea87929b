using System.Security.Cryptography;
using Saraban.Workflow.Secrets;

namespace Saraban.Web.Cli;

/// <summary>./saraban keys: the master key that wraps each secret letter's key, and its rotation.</summary>
public static class KeysCommand
{
    private const string Help =
        $"""
        Usage: ./saraban keys show
               ./saraban keys rotate

          show     the current master key's id and where it is read from
          rotate   make a new master key, put it first in the key file, wrap every secret letter's
                   key under it, then drop the old keys from the file: after it, the old key opens
                   nothing (its wraps in the log are useless without it). With SARABAN_MASTER_KEY
                   (keys in the environment) put the new key first there, keep the old after it,
                   run rotate, then drop the old.
        The key file: SARABAN_MASTER_KEY_FILE, else beside the SQLite file (data/saraban.master-key),
        or data/master.key for PostgreSQL. Keep it apart from the database and its backups.
        {StoreArguments.Help}
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help") || args.Positional.Count == 0) return Verbs.Print(Help, args.Has("help") ? 0 : 2);
        var options = StoreArguments.Read(args);
        args.RejectUnknown();
        await using var opened = await OpenedStore.OpenAsync(options);
        var keys = opened.Secrets(options).Keys;
        switch (args.Positional[0])
        {
            case "show":
                Console.WriteLine($"master key {keys.Current.Id} from {keys.File ?? "SARABAN_MASTER_KEY"}; {keys.Keys.Count - 1} older key(s) kept");
                return 0;
            case "rotate":
            {
                var all = keys.Keys.Select(k => k.Bytes).ToList();
                if (keys.File is { } file) all.Insert(0, RandomNumberGenerator.GetBytes(32));
                var ring = MasterKeys.Of([.. all]);
                // The new key is written first (beside the old), so a rotation stopped half-way loses nothing.
                if (keys.File is { } f) MasterKeys.Write(f, all);
                var rewrapped = await new LetterSecrets(opened.Store, opened.Types, ring).RotateAsync();
                if (keys.File is { } done) MasterKeys.Write(done, [ring.Current.Bytes]);
                Console.WriteLine($"{rewrapped} letter keys wrapped under master key {ring.Current.Id}" +
                    (keys.File is null ? "; remove the older keys from SARABAN_MASTER_KEY now" : $"; {keys.File} holds only it now"));
                return 0;
            }
            default:
                throw new UsageException($"keys takes show or rotate, not '{args.Positional[0]}'");
        }
    }
}
