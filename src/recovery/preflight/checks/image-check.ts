import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import type { Finding } from '../../../ipc/contracts/recovery';
import { awsCall, failureFinding, type PreflightCheck } from '../check-runner';
import { finding } from '../finding-texts';
import { defaultUserFor, describeImage, shipsInstanceConnect } from '../image-family';
import type { ImageFacts, InstanceFacts, PreflightFacts } from '../preflight-facts';

/** The user cloud-init set up, unless the caller chose one; `ec2-user` is the most common guess. */
function userFinding(
  image: ImageFacts | null,
  override: string | null,
  imageLabel: string,
): [string, Finding] {
  if (override) return [override, finding('user', 'ok', 'defaultUserOverride', { user: override })];
  const user = image ? defaultUserFor(image.family) : null;
  if (user) return [user, finding('user', 'ok', 'defaultUserFromImage', { user, image: imageLabel })];
  return [
    'ec2-user',
    finding('user', 'warning', 'defaultUserGuess', { user: 'ec2-user', image: imageLabel }),
  ];
}

function eicFinding(instance: InstanceFacts, eic: PreflightFacts['eicPackage'], imageLabel: string): Finding {
  if (!instance.imdsEnabled) return finding('eic', 'warning', 'eicImdsDisabled');
  if (eic === 'yes') return finding('eic', 'ok', 'eicImageShips', { image: imageLabel });
  if (eic === 'no') return finding('eic', 'warning', 'eicNotOnImage', { image: imageLabel });
  return finding('eic', 'unknown', 'eicImageUnknown', { image: imageLabel });
}

/** DescribeImages: the login user for the image, and whether it ships EC2 Instance Connect. */
export const imageCheck: PreflightCheck = {
  id: 'image',
  async run(ctx) {
    const instance = ctx.facts.instance;
    if (!instance) return { findings: [], facts: {} };
    const findings: Finding[] = [];
    let image: ImageFacts | null = null;
    if (instance.imageId) {
      const imageId = instance.imageId;
      try {
        const { Images } = await awsCall('DescribeImages', () =>
          ctx.clients.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] })),
        );
        const found = Images?.[0];
        // A deregistered or private AMI of another account is simply not described.
        if (found)
          image = describeImage({
            name: found.Name,
            ownerId: found.OwnerId,
            description: found.Description,
            platform: found.Platform,
          });
      } catch (error) {
        findings.push(failureFinding('image', error));
      }
    }
    const label = image?.name || instance.imageId || '';
    const [user, userResult] = userFinding(image, ctx.request.user, label);
    const eicPackage = instance.platform === 'windows' ? 'no' : shipsInstanceConnect(image);
    findings.push(userResult);
    if (instance.platform !== 'windows') findings.push(eicFinding(instance, eicPackage, label));
    return {
      findings,
      facts: { image, targetUser: instance.platform === 'windows' ? null : user, eicPackage },
    };
  },
};
