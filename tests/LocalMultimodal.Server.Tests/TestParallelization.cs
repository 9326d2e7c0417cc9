// Every test class here runs a real engine (in process, or behind an in-process server). They run one at a
// time: the machine has two cores, and one run where two collections decoded at once crashed the test host.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
