using System.CommandLine;
using Spectre.Console;

namespace Insight.Host.Cli;

/// <summary>The <c>insight</c> command line: one verb per job a user runs.</summary>
public static class InsightCommandLine
{
    public static RootCommand Create(IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var config = new Option<string?>("--config") { Description = "An extra JSON configuration file, applied over config/appsettings.json.", Recursive = true };
        var root = new RootCommand("Insight turns contact-centre transcripts and purchase history into ranked upstream fixes and an at-risk customer list.");
        root.Options.Add(config);

        var run = new Command("run", "Run one pass: ingest -> label -> resolve -> features -> score -> rank (generates a demo world when no input is configured).");
        run.SetAction((parse, cancellationToken) => new RunCommand(console).ExecuteAsync(parse.GetValue(config), cancellationToken));
        root.Subcommands.Add(run);

        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, ';'-separated (default Serve:Urls, http://127.0.0.1:5000)." };
        var serve = new Command("serve", "Run as a service: a Hangfire server with the recurring jobs of Schedule:Jobs, the dashboard at /hangfire, the outputs at /out/ and /health.")
        {
            urls,
        };
        serve.SetAction((parse, cancellationToken) => new ServeCommand(console).ExecuteAsync(parse.GetValue(config), parse.GetValue(urls), cancellationToken));
        root.Subcommands.Add(serve);

        var ingest = new Command("ingest", "Ingest only: read what is new in the configured sources into the lake (the ingest job of a run).");
        ingest.SetAction((parse, cancellationToken) => new RunCommand(console).ExecuteAsync(parse.GetValue(config), cancellationToken, ingestOnly: true));
        root.Subcommands.Add(ingest);

        var evaluationData = new Option<string>("--data") { Description = "A mapping file (e.g. config/examples/banking77.json) or a folder of CSV files with a text and a label column.", Required = true };
        var evaluationLabel = new Option<string>("--label") { Description = "Where the labels are: disposition or queue.", DefaultValueFactory = _ => EvaluateCommand.DispositionLabel };
        var evaluationOutput = new Option<string>("--out") { Description = "The JSON report.", DefaultValueFactory = _ => "out/evaluate-text.json" };
        var evaluateText = new Command("text", "Train the root-cause classifier on the training split (files named *train*, or 80% of ids) and report accuracy, macro-F1, per-class scores, confusion pairs, abstention coverage, training time and throughput on the test split.")
        {
            evaluationData, evaluationLabel, evaluationOutput,
        };
        evaluateText.SetAction((parse, cancellationToken) => new EvaluateCommand(console).ExecuteAsync(parse.GetValue(evaluationData)!, parse.GetValue(evaluationLabel)!, parse.GetValue(evaluationOutput)!, cancellationToken));
        var churnData = new Option<string>("--data") { Description = "A mapping file (see config/examples), or 'demo' for a freshly generated demo world.", Required = true };
        var churnFolds = new Option<int>("--folds") { Description = "Folds of the cross-validation for tabular data.", DefaultValueFactory = _ => 5 };
        var churnOutput = new Option<string>("--out") { Description = "The JSON report.", DefaultValueFactory = _ => "out/evaluate-churn.json" };
        var evaluateChurn = new Command("churn", "Measure the churn model: with purchase history, the time-based backtest beside BG/NBD probability alive alone (ROC-AUC, PR-AUC, lift, churners in the top decile, Brier, reliability, permutation importance); with tabular customers (attributes and a cancelled flag), stratified k-fold cross-validation.")
        {
            churnData, churnFolds, churnOutput,
        };
        evaluateChurn.SetAction((parse, cancellationToken) => new EvaluateChurnCommand(console).ExecuteAsync(parse.GetValue(churnData)!, parse.GetValue(churnFolds), parse.GetValue(churnOutput)!, cancellationToken));
        root.Subcommands.Add(new Command("evaluate", "Measure a model on labelled data.") { evaluateText, evaluateChurn });

        var trainModel = new Argument<string>("model") { Description = "root-causes or churn." };
        var train = new Command("train", "Train a challenger of a model on the lake (after ingesting what is new) and promote it when it is not worse than the champion on the same recent hold-out.")
        {
            trainModel,
        };
        train.SetAction((parse, cancellationToken) => new ModelsCommand(console).TrainAsync(parse.GetValue(config), parse.GetValue(trainModel)!, cancellationToken));
        root.Subcommands.Add(train);

        var modelsList = new Command("list", "Every registered version of every model; the champion is starred.");
        modelsList.SetAction(parse => new ModelsCommand(console).List(parse.GetValue(config)));
        var showModel = new Argument<string>("model") { Description = "root-causes or churn." };
        var modelsShow = new Command("show", "A model's champion card, its champion changes and its latest champion/challenger decisions.") { showModel };
        modelsShow.SetAction(parse => new ModelsCommand(console).Show(parse.GetValue(config), parse.GetValue(showModel)!));
        var promoteModel = new Argument<string>("model") { Description = "root-causes or churn." };
        var promoteVersion = new Argument<string>("version") { Description = "The version to make the champion (v3 or 3)." };
        var modelsPromote = new Command("promote", "Make a version the champion by hand (scoring uses it from the next run).") { promoteModel, promoteVersion };
        modelsPromote.SetAction(parse => new ModelsCommand(console).Promote(parse.GetValue(config), parse.GetValue(promoteModel)!, parse.GetValue(promoteVersion)!));
        var rollbackModel = new Argument<string>("model") { Description = "root-causes or churn." };
        var modelsRollback = new Command("rollback", "Go back to the champion before the current one.") { rollbackModel };
        modelsRollback.SetAction(parse => new ModelsCommand(console).Rollback(parse.GetValue(config), parse.GetValue(rollbackModel)!));
        root.Subcommands.Add(new Command("models", "The model registry (Registry:Folder): versions with their cards, and the champion scoring uses.") { modelsList, modelsShow, modelsPromote, modelsRollback });

        var notebookFiles = new Argument<string[]>("notebooks") { Description = "The .ipynb files, run in the order given.", Arity = ArgumentArity.OneOrMore };
        var notebookParameters = new Option<string[]>("--param") { Description = "name=value for a variable of the notebooks' parameters cell (repeatable), e.g. workspace=/data/insight.", AllowMultipleArgumentsPerToken = false };
        var notebookOutput = new Option<string?>("--out") { Description = "A folder for the executed notebooks; without it each is written back in place." };
        var notebookRun = new Command("run", "Execute a notebook's C# cells in order, headless (Roslyn scripting, state carried from cell to cell), and write each cell's outputs (text, tables, charts) back into it; fails with the cell number and error if a cell throws.")
        {
            notebookFiles, notebookParameters, notebookOutput,
        };
        notebookRun.SetAction((parse, cancellationToken) => new NotebookCommand(console).RunAsync(
            parse.GetValue(notebookFiles)!, parse.GetValue(notebookParameters) ?? [], parse.GetValue(notebookOutput), cancellationToken));
        root.Subcommands.Add(new Command("notebook", "The notebooks of notebooks/ (explore, retrain, what drives churn).") { notebookRun });

        var customers = new Option<int>("--customers") { Description = "Number of customers.", DefaultValueFactory = _ => 4_000 };
        var days = new Option<int>("--days") { Description = "Days of history.", DefaultValueFactory = _ => 400 };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulation.", DefaultValueFactory = _ => 42 };
        var start = new Option<DateTime>("--start") { Description = "First day of the history (UTC).", DefaultValueFactory = _ => new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var output = new Option<string>("--out") { Description = "Folder to write the world into.", DefaultValueFactory = _ => "data/demo" };
        var contactRate = new Option<double>("--contact-rate") { Description = "Problems per order times this: about this many times the contacts per customer, churn much as it is (Demo:ContactRate).", DefaultValueFactory = _ => 1 };
        var generate = new Command("generate", "Write a demo world with known truth: contacts, purchases and customers as exports, plus truth/.")
        {
            customers, days, seed, start, output, contactRate,
        };
        generate.SetAction(parse => new GenerateCommand(console).Execute(
            parse.GetValue(config), parse.GetValue(customers), parse.GetValue(days), parse.GetValue(seed), parse.GetValue(start), parse.GetValue(output)!, parse.GetValue(contactRate)));
        root.Subcommands.Add(generate);

        var contacts = new Option<int>("--contacts") { Description = "Contacts in the export.", DefaultValueFactory = _ => BenchmarkCommand.TargetContacts };
        var files = new Option<int>("--files") { Description = "CSV files the export is split into.", DefaultValueFactory = _ => 4 };
        var runs = new Option<int>("--runs") { Description = "Measured runs; medians are reported.", DefaultValueFactory = _ => 3 };
        var benchSeed = new Option<int>("--seed") { Description = "Seed of the generated export.", DefaultValueFactory = _ => 42 };
        var folder = new Option<string>("--folder") { Description = "Folder for the export, the lake and the results.", DefaultValueFactory = _ => "data/benchmark" };
        var singleRun = new Option<string?>("--single-run") { Description = "Internal: one measured ingest into this lake (the child process).", Hidden = true };
        var ingestBenchmark = new Command("ingest", "Ingest a generated export of multi-turn contacts (1M by default) several times and report rows/s, MB/s and peak memory.")
        {
            contacts, files, runs, benchSeed, folder, singleRun,
        };
        ingestBenchmark.SetAction((parse, cancellationToken) => parse.GetValue(singleRun) is { } lake
            ? BenchmarkCommand.SingleRunAsync(parse.GetValue(folder)!, lake, cancellationToken)
            : new BenchmarkCommand(console).ExecuteAsync(parse.GetValue(contacts), parse.GetValue(files), parse.GetValue(runs),
                parse.GetValue(benchSeed), parse.GetValue(folder)!, cancellationToken));
        var benchCustomers = new Option<int>("--customers") { Description = "Customers in the generated lake.", DefaultValueFactory = _ => 1_000_000 };
        var benchPurchases = new Option<int>("--purchases") { Description = "Purchases in the generated lake.", DefaultValueFactory = _ => 2_000_000 };
        var benchContacts = new Option<int>("--contacts") { Description = "Labelled contacts in the generated lake.", DefaultValueFactory = _ => 1_000_000 };
        var churnSingleRun = new Option<string?>("--single-run") { Description = "Internal: one measured churn stage on this lake (the child process).", Hidden = true };
        var churnBenchmark = new Command("churn", "Run the churn stage on a generated lake (1M customers, 2M purchases, 1M contacts by default) several times and report features time, scoring customers/s and peak memory.")
        {
            benchCustomers, benchPurchases, benchContacts, runs, benchSeed, folder, churnSingleRun,
        };
        churnBenchmark.SetAction((parse, cancellationToken) => parse.GetValue(churnSingleRun) is { } churnLake
            ? ChurnBenchmarkCommand.SingleRunAsync(churnLake, cancellationToken)
            : new ChurnBenchmarkCommand(console).ExecuteAsync(parse.GetValue(benchCustomers), parse.GetValue(benchPurchases), parse.GetValue(benchContacts),
                parse.GetValue(runs), parse.GetValue(benchSeed), parse.GetValue(folder)!, cancellationToken));
        root.Subcommands.Add(new Command("benchmark", "Measure a stage on generated data.") { ingestBenchmark, churnBenchmark });

        var benchContactsAll = new Option<int>("--contacts") { Description = "Contacts of the generated world (about).", DefaultValueFactory = _ => 1_000_000 };
        var benchCustomersAll = new Option<int>("--customers") { Description = "Customers of the generated world.", DefaultValueFactory = _ => 100_000 };
        var benchSmaller = new Option<int>("--smaller") { Description = "Also measure a world this many times smaller, to show how cost grows (1: only the size given).", DefaultValueFactory = _ => 10 };
        var benchFolder = new Option<string>("--folder") { Description = "Folder for the generated worlds and the workspaces the stages run in.", DefaultValueFactory = _ => "data/bench" };
        var benchOutput = new Option<string>("--out") { Description = "The JSON results.", DefaultValueFactory = _ => "out/bench.json" };
        var benchSettings = new Option<string[]>("--set") { Description = "Key=value of configuration for every stage (repeatable), e.g. Labeling:MaxTrainingExamples=20000.", AllowMultipleArgumentsPerToken = false };
        var benchStage = new Option<string?>("--stage") { Description = "Internal: run one stage (the child process).", Hidden = true };
        var benchWorkspace = new Option<string?>("--workspace") { Description = "Internal: the workspace of the child's stage.", Hidden = true };
        var benchWorld = new Option<string?>("--world") { Description = "Internal: the demo world of the child's stage.", Hidden = true };
        var bench = new Command("bench", "Generate a demo world (1M contacts, 100k customers, about 2M purchases by default) and one 10 times smaller, run every stage of a pass on each, each stage in its own process, several times; report per stage and end to end the median wall time, rows/s and peak memory against the targets, and write out/bench.json.")
        {
            benchContactsAll, benchCustomersAll, runs, benchSmaller, benchSeed, benchFolder, benchOutput, benchSettings, benchStage, benchWorkspace, benchWorld,
        };
        bench.SetAction((parse, cancellationToken) => parse.GetValue(benchStage) is { } stage
            ? PipelineBenchmarkCommand.StageRunAsync(stage, parse.GetValue(benchWorkspace)!, parse.GetValue(benchWorld)!, parse.GetValue(benchSettings) ?? [], cancellationToken)
            : new PipelineBenchmarkCommand(console).ExecuteAsync(parse.GetValue(benchContactsAll), parse.GetValue(benchCustomersAll), parse.GetValue(runs),
                parse.GetValue(benchSmaller), parse.GetValue(benchSeed), parse.GetValue(benchFolder)!, parse.GetValue(benchOutput)!, parse.GetValue(benchSettings) ?? [], cancellationToken));
        var peerContacts = new Option<int>("--contacts") { Description = "Contacts of the generated world (about).", DefaultValueFactory = _ => 100_000 };
        var peerCustomers = new Option<int>("--customers") { Description = "Customers of the generated world.", DefaultValueFactory = _ => 10_000 };
        var peerOutput = new Option<string>("--out") { Description = "Folder for the CSV splits and insight.json.", DefaultValueFactory = _ => "out/peer" };
        var peer = new Command("peer", "Write a generated world's root-cause and churn data as CSV splits, and train and measure Insight's learners on them (tests/peer/run.sh then runs scikit-learn on the same files).")
        {
            peerContacts, peerCustomers, runs, benchSeed, benchFolder, peerOutput,
        };
        peer.SetAction((parse, cancellationToken) => new PeerBenchmarkCommand(console).ExecuteAsync(
            parse.GetValue(peerContacts), parse.GetValue(peerCustomers), parse.GetValue(runs), parse.GetValue(benchSeed), parse.GetValue(benchFolder)!, parse.GetValue(peerOutput)!, cancellationToken));
        bench.Subcommands.Add(peer);
        root.Subcommands.Add(bench);
        return root;
    }

    /// <summary>Gives redirected output (no terminal width to fit) at least <paramref name="width"/> columns, so tables do not wrap at 80.</summary>
    internal static void FitRedirected(IAnsiConsole console, int width)
    {
        if (!console.Profile.Capabilities.Interactive && console.Profile.Width < width)
        {
            console.Profile.Width = width;
        }
    }

    /// <summary><c>name=value</c> arguments (<c>--param</c>, <c>--set</c>) as a dictionary; false with the first that is not one.</summary>
    internal static bool TryParsePairs(IEnumerable<string> pairs, StringComparer comparer, out Dictionary<string, string> values, out string? bad)
    {
        values = new Dictionary<string, string>(comparer);
        bad = null;
        foreach (string pair in pairs)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                bad = pair;
                return false;
            }

            values[pair[..equals].Trim()] = pair[(equals + 1)..];
        }

        return true;
    }
}
