namespace LocalMultimodal.Scheduling;

/// <summary>
/// An item of the inference loop's one bounded channel of work: a request to run (<see cref="EngineRequest"/>)
/// or native work outside requests (<see cref="LoopJob"/>). Work is taken in the order it arrived.
/// </summary>
internal abstract class LoopWork;
