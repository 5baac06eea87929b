using Saraban.Web.Cli;

// One program, two faces: the web server (`serve`) and the command line (every other verb).
return await Verbs.RunAsync(args);
