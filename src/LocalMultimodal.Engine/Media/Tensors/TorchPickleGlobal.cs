namespace LocalMultimodal.Media.Tensors;

/// <summary>The only names a torch.save pickle of one dense tensor may reference; anything else is refused unresolved.</summary>
internal enum TorchPickleGlobal
{
    /// <summary><c>torch._utils._rebuild_tensor_v2</c>: the tensor from its storage, offset, size and stride.</summary>
    RebuildTensorV2,

    /// <summary><c>collections.OrderedDict</c>: the tensor's (empty) backward hooks.</summary>
    OrderedDict,

    FloatStorage,
    HalfStorage,
    BFloat16Storage,
    DoubleStorage,
    IntStorage,
    LongStorage,
}
