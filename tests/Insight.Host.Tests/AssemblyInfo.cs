// Host tests set INSIGHT__ environment variables and start Hangfire servers: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
