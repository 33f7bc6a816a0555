"""Self-supervised targets computed from a CT and the projection matrices of its views.

Correspondence matrices (multi-view matching), point tracks, projected landmarks, synthetic fractures (3D) and
synthetic lesions (image space, AFiRe). Every view is a (3, 4) projection matrix P mapping homogeneous world mm to
homogeneous pixels (u right, v down, origin at the top-left corner).
"""
