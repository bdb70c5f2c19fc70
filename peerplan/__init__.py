"""peerplan: action plans that follow a peer challenge, audit or inspection."""
