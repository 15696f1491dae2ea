import NIOCore

/// The connection's one timer: ARTIM until the association is accepted, then the idle timeout. Any inbound
/// event restarts it; when it fires, a `.timerExpired` event goes to the association, which decides what to
/// do. The association switches the timer with the outbound user event ``AssociationTimer``.
final class AssociationTimerHandler: ChannelDuplexHandler {
    typealias InboundIn = AssociationEvent
    typealias InboundOut = AssociationEvent
    typealias OutboundIn = PDU
    typealias OutboundOut = PDU

    private let artim: TimeAmount
    private let idle: TimeAmount
    private var current: TimeAmount
    private var scheduled: Scheduled<Void>?

    init(artim: Duration, idle: Duration) {
        self.artim = Self.timeAmount(artim)
        self.idle = Self.timeAmount(idle)
        current = self.artim
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        scheduled?.cancel()
        scheduled = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        scheduled?.cancel()
        scheduled = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        arm(context)
        context.fireChannelRead(data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let timer = event as? AssociationTimer else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        current = timer == .artim ? artim : idle
        arm(context)
        promise?.succeed()
    }

    private func arm(_ context: ChannelHandlerContext) {
        scheduled?.cancel()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        scheduled = context.eventLoop.scheduleTask(in: current) {
            let (handler, context) = loopBound.value
            handler.scheduled = nil
            context.fireChannelRead(NIOAny(AssociationEvent.timerExpired))
        }
    }
}
