namespace LocalMultimodal.Testing.Hub;

/// <summary>Faults the stand-in hub injects; each counter is used up by the requests it affects.</summary>
public sealed class HubFaults
{
    /// <summary>Downloads whose connection is cut after <see cref="CutAfterBytes"/> bytes of body.</summary>
    public int CutDownloads { get; set; }

    public long CutAfterBytes { get; set; }

    /// <summary>Before a cut, hold the connection open and silent for <see cref="StallFor"/> (a stall mid-file).</summary>
    public bool StallBeforeCut { get; set; }

    /// <summary>Downloads the content host answers with 503.</summary>
    public int Unavailable { get; set; }

    /// <summary>Downloads the content host holds back for <see cref="StallFor"/> before answering.</summary>
    public int StalledDownloads { get; set; }

    public TimeSpan StallFor { get; set; }

    /// <summary>When set, the hub answers 401 to API and resolve requests without this bearer token.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>When set, resolve redirects back to itself, forever.</summary>
    public bool RedirectLoop { get; set; }

    /// <summary>When set, the hub answers 403 (a gated repository) to everything.</summary>
    public bool Gated { get; set; }
}
