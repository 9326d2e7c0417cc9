namespace LocalMultimodal.Media.Tensors;

/// <summary>The pickle values that carry no data of their own.</summary>
internal enum PickleSentinel
{
    /// <summary>An empty <c>dict</c> or <c>OrderedDict()</c>: the backward hooks and metadata torch writes.</summary>
    EmptyMapping,
}
