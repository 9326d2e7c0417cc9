namespace LocalMultimodal.Fuzz.Requests;

/// <summary>What a request fuzz run saw: answers by status, failures (5xx, dead server, memory), memory before and after.</summary>
internal sealed class RequestFuzzReport
{
    private readonly Dictionary<int, int> _statuses = [];

    public List<string> Failures { get; } = [];

    public int Requests => _statuses.Values.Sum();

    public long BaselineBytes { get; set; }

    public long PeakBytes { get; set; }

    public long FinalBytes { get; set; }

    public TimeSpan Elapsed { get; set; }

    public void Count(int status)
    {
        lock (_statuses)
        {
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
        }
    }

    public void Fail(string failure)
    {
        lock (Failures)
        {
            Failures.Add(failure);
        }
    }

    public override string ToString() =>
        $"{Requests} requests in {Elapsed.TotalSeconds:0.0} s; statuses " +
        string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")) +
        $"; server memory {BaselineBytes >> 20} MiB after warm-up, peak {PeakBytes >> 20} MiB, {FinalBytes >> 20} MiB after; {Failures.Count} failure(s)";
}
