namespace LocalMultimodal.Media.Tensors;

/// <summary>The arguments of <c>_rebuild_tensor_v2</c>: which storage, and the view of it (in elements).</summary>
internal sealed record TorchTensorRecord(TorchStorageReference Storage, long Offset, long[] Shape, long[] Strides);
