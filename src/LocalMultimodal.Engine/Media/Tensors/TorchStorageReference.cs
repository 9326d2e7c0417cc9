namespace LocalMultimodal.Media.Tensors;

/// <summary>A persistent id of torch.save: the storage in record <c>data/{Key}</c>, of <see cref="ElementCount"/> elements.</summary>
internal sealed record TorchStorageReference(TensorElementType ElementType, string Key, long ElementCount);
