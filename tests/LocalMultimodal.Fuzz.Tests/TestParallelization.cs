// The model-file fuzzer and the request fuzzer each drive a child process that uses a core; the machine has two.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
