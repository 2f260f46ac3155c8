// Package synth generates the synthetic Spatial Memory Pipeline world: data
// in exactly the schema of DeepMind's four data files (trajectories,
// parameters, visual inputs, HD stats), made deterministically from a seed,
// with the ground truth of what every synthetic unit is
// (docs/synthetic-spec.md).
//
// One simulated rat walks (Walk) in one arena (Arena: a 2.2 m box whose
// north and south walls look alike). Along each trajectory the generator
// records heading, position and angular velocity; wall distances
// (WallDistances); the view (Camera.Render) and its embedding (Encoder);
// RNN-1, the head-direction network (HeadingNetwork: the LSTM of package
// hdtrain, LoadLSTM), corrected every few steps from memory when the
// recalled memories agree on the heading (Memory.Code); the boundary-cell
// populations RNN-2 (egocentric) and RNN-3 (allocentric) (Population); and
// log p(slot | view) of two memory maps (Memory). Generate assembles a
// World, World.Write writes it, and ScoreClassification and
// ScorePlaceFields measure the world's criteria against its Truth.
//
// Conventions: angles are radians, 0 = +x, counter-clockwise positive;
// positions are metres; egocentric angles are relative to the head direction
// (0 = straight ahead, positive = to the left). Figure 2's analyses report
// directions as pi/2 - theta (swapped atan2 arguments); Truth stores both.
//
// Randomness comes from independent seeded streams, one per piece and per
// trajectory (stream), so the same Config gives byte-identical files
// however the work is spread over goroutines.
package synth
