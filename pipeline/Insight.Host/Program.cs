using Insight.Host.Cli;

return await InsightCommandLine.Create().Parse(args).InvokeAsync();
